using System.Collections.Concurrent;
using Tessera.Core.Backtest;
using Tessera.Core.Data;
using Tessera.Core.Data.Import;
using Tessera.Core.Signals;
using Tessera.Core.Strategies;
using Tessera.Testing;

namespace Tessera.Core.Tests.Backtest;

/// <summary>
/// The S&amp;P 500 daily set (505 symbols, 2013-02-08..2018-02-07) read once through the project's importer in lenient
/// mode (malformed rows dropped, as every host does), shared by the real-data backtest tests.
/// </summary>
internal static class SpUniverse
{
    public const string File = "sp500-daily-2013-2018.csv.gz";

    private static readonly Lazy<(IReadOnlyList<BarSeries> Series, MarketData Data)> Loaded = new(Load);

    public static IReadOnlyList<BarSeries> Series => Loaded.Value.Series;

    public static MarketData Data => Loaded.Value.Data;

    /// <summary>Default-parameter signals of a registered strategy over the whole set, computed once per test run.</summary>
    public static IReadOnlyList<Signal> SignalsOf(string strategy) =>
        SignalCache.GetOrAdd(strategy, name => new Lazy<IReadOnlyList<Signal>>(() => StrategyRegistry.Default.Create(name).SignalsOverTime(Series))).Value;

    private static readonly ConcurrentDictionary<string, Lazy<IReadOnlyList<Signal>>> SignalCache = new(StringComparer.Ordinal);

    private static (IReadOnlyList<BarSeries>, MarketData) Load()
    {
        using var stream = System.IO.File.OpenRead(SharedData.Path_(File));
        var result = BarCsvImporter.Import(stream, new BarImportOptions { Mode = ImportMode.Lenient, Source = File });
        return (result.Series, new MarketData(result.Series));
    }
}
