using Tessera.Core.Errors;

namespace Tessera.Core.Portfolio.Allocation;

/// <summary>
/// An iterative engine did not reach its tolerance within its iteration budget. Reported with the
/// residual reached so the caller (and the fallback record) can say exactly how far it got.
/// </summary>
public sealed class SolverConvergenceException : TesseraValidationException
{
    public SolverConvergenceException(string method, int iterations, double residual)
        : base("solver", "residual " + PortfolioInputValidation.Str(residual) + " after " + PortfolioInputValidation.Str(iterations) + " iterations", "the solver must converge within its iteration budget", "allocator " + method)
    {
        Method = method;
    }

    public SolverConvergenceException()
        : this("unknown", 0, double.NaN)
    {
    }

    public SolverConvergenceException(string message)
        : base("solver", null, message)
    {
        Method = "unknown";
    }

    public SolverConvergenceException(string message, Exception innerException)
        : base(message, innerException)
    {
        Method = "unknown";
    }

    public string Method { get; }
}
