using Tessera.Core.Errors;

namespace Tessera.Core.Portfolio.Allocation;

/// <summary>
/// The allocation problem has no feasible solution, and <see cref="TesseraValidationException.Rule"/>
/// says why (for example "every expected return is at or below the risk-free rate"). Allocation
/// policies catch this type to fall back (to ERC) and record the reason; they never fail silently.
/// </summary>
public sealed class InfeasibleProblemException : TesseraValidationException
{
    public InfeasibleProblemException(string method, string field, string? value, string reason)
        : base(field, value, reason, "allocator " + method)
    {
        Method = method;
        Reason = reason;
    }

    public InfeasibleProblemException()
        : this("unknown", "problem", null, "infeasible")
    {
    }

    public InfeasibleProblemException(string message)
        : this("unknown", "problem", null, message)
    {
    }

    public InfeasibleProblemException(string message, Exception innerException)
        : base(message, innerException)
    {
        Method = "unknown";
        Reason = message;
    }

    public string Method { get; }

    public string Reason { get; }
}
