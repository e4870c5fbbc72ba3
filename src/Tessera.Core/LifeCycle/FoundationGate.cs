using System.Globalization;
using Tessera.Core.Data;
using Tessera.Core.Errors;

namespace Tessera.Core.LifeCycle;

/// <summary>An asset removed by the foundation gate, with the rule it broke.</summary>
public sealed record DroppedAsset(string Symbol, string Rule, string Detail);

/// <summary>Simple returns of the assets that passed L0, on one shared calendar (column per asset).</summary>
public sealed record FoundationFrame(long[] Timestamps, string[] Symbols, double[][] Returns, IReadOnlyList<DroppedAsset> Dropped, int ReturnWarnings);

/// <summary>
/// L0 foundation gate of the life cycle (ARCHITECTURE step 1, ALGORITHMS "Returns and contracts"):
/// timestamps UTC (Unix ms), strictly increasing (sorted, unique), prices finite and positive, all assets
/// on one calendar (this gate refuses mixed calendars instead of zero-filling); simple returns with
/// |r| > 5 make the asset toxic: it is dropped and recorded; 1 &lt; |r| &lt;= 5 is counted as a warning.
/// Structural violations (unsorted, duplicate, non-finite) are errors naming the symbol, index and rule.
/// </summary>
public static class FoundationGate
{
    public const double ToxicAbsReturn = 5.0;
    public const double WarnAbsReturn = 1.0;

    public static FoundationFrame Apply(IReadOnlyList<BarSeries> bars)
    {
        ArgumentNullException.ThrowIfNull(bars);
        if (bars.Count == 0)
        {
            throw new TesseraValidationException("bars", "0", "the universe must contain at least one asset");
        }

        var calendar = bars[0].Timestamps;
        var symbols = new List<string>(bars.Count);
        var columns = new List<double[]>(bars.Count);
        var dropped = new List<DroppedAsset>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var warnings = 0;
        foreach (var series in bars)
        {
            if (!seen.Add(series.Symbol))
            {
                throw new TesseraValidationException("symbol", series.Symbol, "duplicate asset in the universe");
            }

            CheckStructure(series, calendar);
            var r = new double[series.Count - 1];
            string? toxic = null;
            for (var t = 1; t < series.Count; t++)
            {
                r[t - 1] = (series.Close[t] / series.Close[t - 1]) - 1.0;
                var a = Math.Abs(r[t - 1]);
                if (a > ToxicAbsReturn && toxic is null)
                {
                    toxic = $"|r| = {a.ToString("G6", CultureInfo.InvariantCulture)} at {BarSeries.ToUtc(series.Timestamps[t]):yyyy-MM-dd}";
                }
                else if (a > WarnAbsReturn)
                {
                    warnings++;
                }
            }

            if (toxic is not null)
            {
                dropped.Add(new DroppedAsset(series.Symbol, "toxic: |r| > 5", toxic));
                continue;
            }

            symbols.Add(series.Symbol);
            columns.Add(r);
        }

        return new FoundationFrame(calendar.AsSpan(1).ToArray(), [.. symbols], [.. columns], dropped, warnings);
    }

    private static void CheckStructure(BarSeries s, long[] calendar)
    {
        if (s.Count < 2)
        {
            throw new TesseraValidationException("bars", s.Symbol, "each asset needs at least 2 bars");
        }

        if (s.Count != calendar.Length)
        {
            throw new TesseraValidationException("timestamps", s.Symbol, $"calendar mismatch: {s.Count} bars vs {calendar.Length} (mixed calendars must be inner-joined before this gate)");
        }

        for (var t = 0; t < s.Count; t++)
        {
            if (s.Timestamps[t] != calendar[t])
            {
                throw new TesseraValidationException("timestamps", s.Symbol, $"calendar mismatch at index {t}");
            }

            if (t > 0 && s.Timestamps[t] <= s.Timestamps[t - 1])
            {
                throw new TesseraValidationException("timestamps", s.Symbol, $"timestamps must be strictly increasing (sorted, unique); index {t}");
            }

            var c = s.Close[t];
            if (!double.IsFinite(c) || c <= 0)
            {
                throw new TesseraValidationException("close", s.Symbol, $"close must be finite and > 0; index {t} has {c.ToString(CultureInfo.InvariantCulture)}");
            }
        }
    }
}
