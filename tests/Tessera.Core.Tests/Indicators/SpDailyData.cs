using Tessera.Core.Data;
using Tessera.Core.Data.Import;

namespace Tessera.Core.Tests.Indicators;

/// <summary>
/// ../shared/data/sp500-daily-2013-2018.csv.gz through the project's importer in lenient mode (the dirty rows
/// are dropped and reported by the importer), loaded once per test run.
/// </summary>
internal static class SpDailyData
{
    public const string FileName = "sp500-daily-2013-2018.csv.gz";

    private static readonly Lazy<IReadOnlyList<BarSeries>> Cache = new(Load);

    public static IReadOnlyList<BarSeries> All => Cache.Value;

    private static IReadOnlyList<BarSeries> Load()
    {
        using var file = File.OpenRead(Tessera.Testing.SharedData.Path_(FileName));
        return BarCsvImporter.Import(file, new BarImportOptions { Mode = ImportMode.Lenient, Source = FileName }).Series;
    }
}
