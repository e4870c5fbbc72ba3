namespace Tessera.Orchestrations.Backtests;

/// <summary>Names of the BacktestRun orchestrator and activities: the same in the local worker and in functions/ (parity test).</summary>
public static class BacktestSteps
{
    public const string Orchestrator = "BacktestRun";
    public const string Compute = "BacktestCompute";
    public const string Seal = "BacktestSeal";
}
