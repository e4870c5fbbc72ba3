using System.Globalization;
using System.Text;
using Tessera.Core.Data;
using Tessera.Core.Data.Import;
using Tessera.Testing;

namespace Tessera.Bench.Peers;

/// <summary>
/// The inputs every peer of <c>make bench-peers</c> reads, built once through Tessera's importer (lenient, as the other
/// benchmarks) so peer and Tessera work on the same doubles: every bar of the S&amp;P 500 set, and the daily simple
/// returns of the symbols present on every calendar date (1,258 x 468), column per symbol.
/// Doubles are written in round-trip form ("R"), so each peer parses back the identical values.
/// </summary>
internal sealed class PeerInputs
{
    public const string DataFile = "sp500-daily-2013-2018.csv.gz";

    private PeerInputs(IReadOnlyList<BarSeries> universe, string[] returnSymbols, double[][] returns)
    {
        Universe = universe;
        ReturnSymbols = returnSymbols;
        Returns = returns;
    }

    public IReadOnlyList<BarSeries> Universe { get; }

    public long BarCount => Universe.Sum(s => (long)s.Count);

    /// <summary>Symbols (import order, ascending) with a bar on every date of the calendar.</summary>
    public string[] ReturnSymbols { get; }

    /// <summary>Simple close-to-close returns, one column per <see cref="ReturnSymbols"/> entry.</summary>
    public double[][] Returns { get; }

    /// <summary>The work folder the peer scripts share: $TESSERA_PEERS_DIR or bench/peers/results/work under the repository.</summary>
    public static string WorkDirectory()
    {
        var fromEnv = Environment.GetEnvironmentVariable("TESSERA_PEERS_DIR");
        var dir = string.IsNullOrEmpty(fromEnv) ? Path.Combine(RepositoryRoot(), "bench", "peers", "results", "work") : fromEnv;
        Directory.CreateDirectory(dir);
        return dir;
    }

    public static PeerInputs? TryLoad(BenchContext context)
    {
        var path = SharedData.TryPath(DataFile);
        if (path is null)
        {
            context.Out.WriteLine($"  SKIPPED: needs ../shared/data/{DataFile}");
            return null;
        }

        IReadOnlyList<BarSeries> universe;
        using (var stream = File.OpenRead(path))
        {
            universe = BarCsvImporter.Import(stream, new BarImportOptions { Mode = ImportMode.Lenient, Source = DataFile }).Series;
        }

        var calendar = universe.Max(s => s.Count);
        var full = universe.Where(s => s.Count == calendar).ToList();
        var reference = full[0].Timestamps;
        full = full.Where(s => s.Timestamps.AsSpan().SequenceEqual(reference)).ToList();
        var returns = new double[full.Count][];
        for (var j = 0; j < full.Count; j++)
        {
            var close = full[j].Close;
            var r = new double[close.Length - 1];
            for (var t = 1; t < close.Length; t++)
            {
                r[t - 1] = (close[t] / close[t - 1]) - 1.0;
            }

            returns[j] = r;
        }

        return new PeerInputs(universe, full.Select(s => s.Symbol).ToArray(), returns);
    }

    /// <summary>bars.csv (symbol,t,open,high,low,close,volume; symbols in import order) and returns.csv (header of symbols, one row per date).</summary>
    public void Export(string dir)
    {
        var inv = CultureInfo.InvariantCulture;
        using (var w = new StreamWriter(Path.Combine(dir, "bars.csv"), false, new UTF8Encoding(false), 1 << 20))
        {
            w.WriteLine("symbol,t,open,high,low,close,volume");
            foreach (var s in Universe)
            {
                for (var i = 0; i < s.Count; i++)
                {
                    w.Write(s.Symbol);
                    w.Write(',');
                    w.Write(s.Timestamps[i].ToString(inv));
                    foreach (var v in new[] { s.Open[i], s.High[i], s.Low[i], s.Close[i], s.Volume[i] })
                    {
                        w.Write(',');
                        w.Write(v.ToString("R", inv));
                    }

                    w.WriteLine();
                }
            }
        }

        using (var w = new StreamWriter(Path.Combine(dir, "returns.csv"), false, new UTF8Encoding(false), 1 << 20))
        {
            w.WriteLine(string.Join(',', ReturnSymbols));
            var rows = Returns[0].Length;
            for (var t = 0; t < rows; t++)
            {
                for (var j = 0; j < Returns.Length; j++)
                {
                    if (j > 0)
                    {
                        w.Write(',');
                    }

                    w.Write(Returns[j][t].ToString("R", inv));
                }

                w.WriteLine();
            }
        }
    }

    private static string RepositoryRoot()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "FunctionApp.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        return Directory.GetCurrentDirectory();
    }
}
