using Tessera.Core.Backtest.Sizing;
using Tessera.Core.Errors;

namespace Tessera.Core.Backtest;

/// <summary>
/// A named set of backtest settings that reproduces a seed (<c>tessera backtest --preset NAME</c>, <c>"preset"</c> in
/// POST /api/backtests): parameter overrides per strategy it defines (the strategy rules the seed fixes) and the
/// position sizing. What the preset does not name stays the command's own (cash, costs, dates). Explicit
/// <c>--params</c> keys override the preset's; an explicit <c>--sizing</c> replaces its sizing. A strategy the preset
/// does not define is refused, so a preset never silently runs a strategy under rules it does not describe.
/// </summary>
public sealed record BacktestPreset(string Name, string Seed, IReadOnlyDictionary<string, string> StrategyParameters, SizingSpec Sizing)
{
    public IReadOnlyList<string> Strategies => [.. StrategyParameters.Keys.Order(StringComparer.Ordinal)];

    /// <summary>The preset's overrides for <paramref name="strategy"/> merged with the caller's (the caller's keys win).</summary>
    public string ParametersFor(string strategy, string? overrides)
    {
        ArgumentNullException.ThrowIfNull(strategy);
        if (!StrategyParameters.TryGetValue(strategy.Trim(), out var preset))
        {
            throw new TesseraValidationException("preset", Name, $"defines strategies {string.Join(", ", Strategies)}; not '{strategy}'");
        }

        var merged = StrategyFactory.Parse(preset);
        foreach (var (key, value) in StrategyFactory.Parse(overrides))
        {
            // Keys are case-insensitive in the factory: drop the preset's spelling before adding the caller's.
            merged.Remove(key);
            merged[key] = value;
        }

        return string.Join(',', merged.OrderBy(p => p.Key, StringComparer.OrdinalIgnoreCase).Select(p => p.Key + "=" + p.Value));
    }
}

/// <summary>The presets Tessera ships (docs/INDICATORS.md, "Presets").</summary>
public static class BacktestPresets
{
    public const string Kobe81Name = "kobe81";

    /// <summary>
    /// Kobe81 (seed 003): RSI-2, IBS and their AND with every indicator shifted one bar (<c>LagBars=1</c>), entries only
    /// at close &gt;= 5 (<c>MinPrice=5</c>, its <c>min_price: float = 5.0</c>), IBS leaving by its ATR(14) x 2 stop and
    /// 5-bar time stop like RSI-2 (<c>Exit=AtrStopAndTime</c>), sized at 0.7 % of current cash. The other numbers of
    /// the seed (RSI 2 / 10 / 90 / 70 / 30, SMA 200, ATR 14 x 2, 5 bars, IBS 0.2 / 0.8, 5 bps slippage, fill at the
    /// next open) are already the strategies' and the reference run's defaults.
    /// </summary>
    public static BacktestPreset Kobe81 { get; } = new(
        Kobe81Name,
        "003 Kobe81 trader bot",
        new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            [Strategies.ConnorsRsi2Strategy.StrategyName] = "LagBars=1,MinPrice=5",
            [Strategies.IbsStrategy.StrategyName] = "Exit=AtrStopAndTime,AtrPeriod=14,AtrStopMultiple=2,MaxHoldBars=5,LagBars=1,MinPrice=5",
            [Strategies.Rsi2AndIbsStrategy.StrategyName] = "LagBars=1,MinPrice=5",
        },
        new SizingSpec { Method = SizingSpec.Cash, Fraction = CashFractionSizer.Kobe81Fraction });

    public static IReadOnlyList<string> Names { get; } = [Kobe81Name];

    public static BacktestPreset Get(string? name)
    {
        var n = (name ?? string.Empty).Trim();
        return string.Equals(n, Kobe81Name, StringComparison.OrdinalIgnoreCase)
            ? Kobe81
            : throw new TesseraValidationException("preset", name, "unknown preset; known: " + string.Join(", ", Names));
    }
}
