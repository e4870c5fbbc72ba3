namespace Tessera.Core.Portfolio.Allocation;

/// <summary>One allocation engine. Implementations are stateless and safe to run in parallel.</summary>
public interface IAllocator
{
    /// <summary>Short stable name used on the CLI and in reports (ew, ivol, minvar, maxsharpe, erc, hrp, herc).</summary>
    string Name { get; }

    /// <summary>
    /// Weights for the problem. Throws <see cref="InfeasibleProblemException"/> with the reason when
    /// no feasible portfolio exists, and TesseraValidationException on bad input.
    /// </summary>
    AllocationResult Allocate(AllocationProblem problem);
}
