namespace Tessera.Trading.Configuration;

/// <summary>Where orders go. Wire names: <c>paper_local</c>, <c>alpaca_paper</c>, <c>live</c>.</summary>
public enum TradingMode
{
    /// <summary>The local Alpaca-compatible exchange (the default).</summary>
    PaperLocal,

    /// <summary>Alpaca's paper environment (needs paper keys).</summary>
    AlpacaPaper,

    /// <summary>Real money. The configuration alone never enables it: hosts also require an explicit live flag.</summary>
    Live,
}

/// <summary>The snake_case wire names of <see cref="TradingMode"/>.</summary>
public static class TradingModeNames
{
    public const string PaperLocal = "paper_local";
    public const string AlpacaPaper = "alpaca_paper";
    public const string Live = "live";

    internal static readonly IReadOnlyDictionary<string, TradingMode> All = new Dictionary<string, TradingMode>(StringComparer.Ordinal)
    {
        [PaperLocal] = TradingMode.PaperLocal,
        [AlpacaPaper] = TradingMode.AlpacaPaper,
        [Live] = TradingMode.Live,
    };

    public static string ToWire(this TradingMode mode) => mode switch
    {
        TradingMode.PaperLocal => PaperLocal,
        TradingMode.AlpacaPaper => AlpacaPaper,
        TradingMode.Live => Live,
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "not a trading mode"),
    };

    /// <summary>True for <see cref="TradingMode.Live"/>: a host must also see its explicit live flag before trading.</summary>
    public static bool RequiresExplicitLiveFlag(this TradingMode mode) => mode == TradingMode.Live;
}
