namespace Tessera.Durable;

/// <summary>Why a task or an orchestration failed (mirrors Microsoft.DurableTask.TaskFailureDetails).</summary>
public sealed record TaskFailureDetails(string ErrorType, string ErrorMessage, string? StackTrace, TaskFailureDetails? InnerFailure = null)
{
    // Stack traces can be huge; keep the stored failure well inside a Table property.
    private const int MaxStackTraceChars = 8_000;

    public static TaskFailureDetails FromException(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        if (exception is TaskFailedException failed)
        {
            return new TaskFailureDetails(
                typeof(TaskFailedException).FullName!, failed.Message, Truncate(failed.StackTrace), failed.FailureDetails);
        }

        var inner = exception.InnerException is null ? null : FromException(exception.InnerException);
        return new TaskFailureDetails(exception.GetType().FullName ?? exception.GetType().Name, exception.Message, Truncate(exception.StackTrace), inner);
    }

    /// <summary>True when the failure was caused by an exception of type <typeparamref name="T"/> or a subclass.</summary>
    public bool IsCausedBy<T>()
        where T : Exception
    {
        if (string.Equals(ErrorType, typeof(T).FullName, StringComparison.Ordinal))
        {
            return true;
        }

        var type = Type.GetType(ErrorType, throwOnError: false)
            ?? AppDomain.CurrentDomain.GetAssemblies().Select(a => a.GetType(ErrorType, throwOnError: false)).FirstOrDefault(t => t is not null);
        return type is not null && typeof(T).IsAssignableFrom(type);
    }

    private static string? Truncate(string? s) => s is null || s.Length <= MaxStackTraceChars ? s : s[..MaxStackTraceChars];
}
