namespace Tessera.Core.Portfolio.Allocation;

/// <summary>
/// Runs an engine and, when it cannot produce a valid portfolio (infeasible problem, solver that
/// did not converge, output that breaks L4), falls back to ERC and records which engine was asked
/// for and why it was replaced (<see cref="AllocationResult.FallbackFrom"/>, FallbackReason and a
/// diagnostics line). Bad input (plain TesseraValidationException) is not masked: it propagates.
/// If the fallback fails too, the fallback's typed error propagates; nothing fails silently.
/// </summary>
public sealed class AllocationPolicy
{
    private readonly IAllocator _fallback;

    public AllocationPolicy(IAllocator? fallback = null)
    {
        _fallback = fallback ?? new RiskBudgetingAllocator();
    }

    public AllocationResult Allocate(IAllocator engine, AllocationProblem problem)
    {
        try
        {
            return engine.Allocate(problem);
        }
        catch (InfeasibleProblemException ex)
        {
            return Fallback(engine, problem, ex.Message);
        }
        catch (SolverConvergenceException ex)
        {
            return Fallback(engine, problem, ex.Message);
        }
        catch (PortfolioInvariantException ex)
        {
            return Fallback(engine, problem, ex.Message);
        }
    }

    private AllocationResult Fallback(IAllocator engine, AllocationProblem problem, string reason) =>
        _fallback.Allocate(problem).AsFallbackFrom(engine.Name, reason);
}
