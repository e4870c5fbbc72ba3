using Tessera.Core.Data;
using Tessera.Core.Errors;

namespace Tessera.Core.Backtest;

/// <summary>Cuts a universe to bars with from &lt;= timestamp &lt;= to (UTC); symbols left without bars are dropped.</summary>
public static class BarWindow
{
    public static List<BarSeries> Slice(IReadOnlyList<BarSeries> universe, DateTime? fromUtc, DateTime? toUtc)
    {
        ArgumentNullException.ThrowIfNull(universe);
        if (fromUtc is { } f && toUtc is { } t && f > t)
        {
            throw new TesseraValidationException("--from", f.ToString("yyyy-MM-dd"), "must not be after --to " + t.ToString("yyyy-MM-dd"));
        }

        var lo = fromUtc is null ? long.MinValue : BarSeries.ToUnixMs(DateTime.SpecifyKind(fromUtc.Value, DateTimeKind.Utc));
        var hi = toUtc is null ? long.MaxValue : BarSeries.ToUnixMs(DateTime.SpecifyKind(toUtc.Value, DateTimeKind.Utc));
        var result = new List<BarSeries>(universe.Count);
        foreach (var s in universe)
        {
            var a = 0;
            while (a < s.Count && s.Timestamps[a] < lo)
            {
                a++;
            }

            var b = s.Count;
            while (b > a && s.Timestamps[b - 1] > hi)
            {
                b--;
            }

            if (b > a)
            {
                result.Add(a == 0 && b == s.Count ? s : s.Slice(a, b - a));
            }
        }

        if (result.Count == 0)
        {
            throw new TesseraValidationException("--from/--to", $"{fromUtc:yyyy-MM-dd}..{toUtc:yyyy-MM-dd}", "no bars in the window");
        }

        return result;
    }
}
