using Tessera.Core.Errors;

namespace Tessera.Core.Portfolio.Allocation;

/// <summary>
/// An allocator produced weights that break the L4 contract (non-negative, finite, sum &lt;= 1.05).
/// This is a defect in the engine, never an acceptable output; the policy treats it like an
/// infeasible solve (falls back and records it) so a broken portfolio never reaches execution.
/// </summary>
public sealed class PortfolioInvariantException : TesseraValidationException
{
    public PortfolioInvariantException(string method, string field, string? value, string rule)
        : base(field, value, rule, "allocator " + method)
    {
        Method = method;
    }

    public PortfolioInvariantException()
        : this("unknown", "weights", null, "L4 invariant")
    {
    }

    public PortfolioInvariantException(string message)
        : this("unknown", "weights", null, message)
    {
    }

    public PortfolioInvariantException(string message, Exception innerException)
        : base(message, innerException)
    {
        Method = "unknown";
    }

    public string Method { get; }
}
