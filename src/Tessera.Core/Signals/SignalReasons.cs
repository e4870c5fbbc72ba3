namespace Tessera.Core.Signals;

/// <summary>The machine-readable <see cref="Signal.Reason"/> values used by Tessera's strategies.</summary>
public static class SignalReasons
{
    /// <summary>Open a position (Long or Short) at the next bar's open.</summary>
    public const string Entry = "entry";

    /// <summary>RSI reached the exit level.</summary>
    public const string ExitRsi = "exit:rsi";

    /// <summary>IBS reached the opposite extreme.</summary>
    public const string ExitIbs = "exit:ibs";

    /// <summary>The protective stop (<see cref="Signal.StopPrice"/>) was touched by the bar's range.</summary>
    public const string ExitStop = "exit:stop";

    /// <summary>The position has been held for the maximum number of bars.</summary>
    public const string ExitTime = "exit:time";

    /// <summary>Close broke the opposite (exit) Donchian channel.</summary>
    public const string ExitChannel = "exit:channel";

    /// <summary>The regime that justified the position ended.</summary>
    public const string ExitRegime = "exit:regime";

    /// <summary>The symbol left the selected percentile at a cross-sectional rebalance.</summary>
    public const string ExitRank = "exit:rank";

    public static bool IsEntry(string reason) => string.Equals(reason, Entry, StringComparison.Ordinal);
}
