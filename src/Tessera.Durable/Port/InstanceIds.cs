namespace Tessera.Durable;

/// <summary>Instance ids are 1..64 characters from [A-Za-z0-9_-]: safe in URLs, table keys, OData filters and blob paths.</summary>
public static class InstanceIds
{
    public static bool IsValid(string? instanceId)
    {
        if (string.IsNullOrEmpty(instanceId) || instanceId.Length > DurableLimits.MaxInstanceIdLength)
        {
            return false;
        }

        foreach (var c in instanceId)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c == '_' || c == '-'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Returns the id or throws <see cref="InvalidInstanceIdException"/>.</summary>
    public static string Validate(string? instanceId) =>
        IsValid(instanceId) ? instanceId! : throw new InvalidInstanceIdException(instanceId);

    /// <summary>A fresh random id (32 hex chars) for callers that do not choose one.</summary>
    public static string NewId() => Guid.NewGuid().ToString("N");
}
