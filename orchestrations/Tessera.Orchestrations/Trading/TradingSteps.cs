namespace Tessera.Orchestrations.Trading;

/// <summary>Names of the market scan's orchestrator and activities: the Azure Function names too (the parity test reads them).</summary>
public static class TradingSteps
{
    public const string Orchestrator = "MarketScan";
    public const string Decide = "ScanDecide";
    public const string Submit = "ScanSubmit";
    public const string Summarize = "ScanSummarize";

    /// <summary>The scan instance of one slot: the slot names it, so a slot runs once however many timers see it.</summary>
    public static string InstanceId(string slot) => "scan-" + slot;
}
