using System.Globalization;

namespace Tessera.Core.Data.Export;

/// <summary>
/// Writes bars as long-format CSV (<c>symbol,date,open,high,low,close,volume</c>), the format the importer reads back.
/// Dates at 00:00 UTC are written as <c>yyyy-MM-dd</c>, other times as ISO-8601 with milliseconds and <c>Z</c>;
/// numbers use the shortest round-trip form so an export/import cycle is lossless.
/// </summary>
public static class BarCsvWriter
{
    public static void Write(BarSeries series, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(series);
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write("symbol,date,open,high,low,close,volume\n");
        for (var t = 0; t < series.Count; t++)
        {
            var ts = series.Timestamps[t];
            var when = BarSeries.ToUtc(ts);
            var date = ts % 86_400_000L == 0
                ? when.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
                : when.ToString("yyyy-MM-ddTHH:mm:ss.fff", CultureInfo.InvariantCulture) + "Z";
            writer.Write(series.Symbol);
            writer.Write(',');
            writer.Write(date);
            foreach (var v in (ReadOnlySpan<double>)[series.Open[t], series.High[t], series.Low[t], series.Close[t], series.Volume[t]])
            {
                writer.Write(',');
                writer.Write(v.ToString("R", CultureInfo.InvariantCulture));
            }

            writer.Write('\n');
        }
    }
}
