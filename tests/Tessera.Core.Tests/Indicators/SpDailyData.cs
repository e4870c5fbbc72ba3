using System.Globalization;
using System.IO.Compression;
using Tessera.Core.Data;

namespace Tessera.Core.Tests.Indicators;

/// <summary>
/// Minimal reader of ../shared/data/sp500-daily-2013-2018.csv.gz for the signals tests
/// (symbol,date,open,high,low,close,volume). Rows with an empty field (11) or high < low (1)
/// are skipped. The data branch owns the real importer; this exists so the signals tests do not depend on it.
/// </summary>
internal static class SpDailyData
{
    private static readonly Lazy<IReadOnlyList<BarSeries>> Cache = new(Load);

    public static IReadOnlyList<BarSeries> All => Cache.Value;

    private static List<BarSeries> Load()
    {
        var path = Tessera.Testing.SharedData.Path_("sp500-daily-2013-2018.csv.gz");
        using var file = File.OpenRead(path);
        using var gz = new GZipStream(file, CompressionMode.Decompress);
        using var reader = new StreamReader(gz);
        reader.ReadLine();
        var result = new List<BarSeries>();
        string? symbol = null;
        var ts = new List<long>();
        var o = new List<double>();
        var h = new List<double>();
        var l = new List<double>();
        var c = new List<double>();
        var v = new List<double>();
        void Flush()
        {
            if (symbol is not null && ts.Count > 0)
            {
                result.Add(new BarSeries(symbol, [.. ts], [.. o], [.. h], [.. l], [.. c], [.. v]));
            }

            ts.Clear();
            o.Clear();
            h.Clear();
            l.Clear();
            c.Clear();
            v.Clear();
        }

        while (reader.ReadLine() is { } line)
        {
            var f = line.Split(',');
            if (f.Length != 7 || Array.Exists(f, string.IsNullOrWhiteSpace))
            {
                continue;
            }

            // One row has high < low (AOS 2014-05-19): dropped like the importers' lenient mode would.
            if (double.Parse(f[3], CultureInfo.InvariantCulture) < double.Parse(f[4], CultureInfo.InvariantCulture))
            {
                continue;
            }

            if (!string.Equals(f[0], symbol, StringComparison.Ordinal))
            {
                Flush();
                symbol = f[0];
            }

            var date = DateTime.ParseExact(f[1], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
            ts.Add(BarSeries.ToUnixMs(date));
            o.Add(double.Parse(f[2], CultureInfo.InvariantCulture));
            h.Add(double.Parse(f[3], CultureInfo.InvariantCulture));
            l.Add(double.Parse(f[4], CultureInfo.InvariantCulture));
            c.Add(double.Parse(f[5], CultureInfo.InvariantCulture));
            v.Add(double.Parse(f[6], CultureInfo.InvariantCulture));
        }

        Flush();
        return result;
    }
}
