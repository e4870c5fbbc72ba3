using Tessera.Core.Backtest;
using Tessera.Core.Errors;

namespace Tessera.Core.Sep;

/// <summary>One span of the study: its own backtest over the last <paramref name="Days"/> calendar days to the common end.</summary>
public sealed record SepSpan(int Days, SepBacktestResult Result);

/// <summary>The study: the spans (longest first) and the invariant's violations, each named; empty when it holds.</summary>
public sealed record SepSpanStudyResult(IReadOnlyList<SepSpan> Spans, IReadOnlyList<string> Violations)
{
    public bool InvariantHolds => Violations.Count == 0;
}

/// <summary>
/// The SEP seed's span study: each span (14, 30, 60 days by default) runs as its own backtest with identical
/// parameters and the same end; the seed's invariant for a fixed end is trades(60) ≥ trades(30) ≥ trades(14)
/// (trades = entries). Separate runs start with fresh guards, so the invariant can fail; the study names each
/// violation instead of hiding it.
/// </summary>
public static class SepSpanStudy
{
    public static IReadOnlyList<int> DefaultSpans { get; } = [14, 30, 60];

    public static SepSpanStudyResult Run(MarketData data, SepSettings settings, IReadOnlyList<int> spanDays, int end, double initialEquity)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(spanDays);
        if (spanDays.Count == 0)
        {
            throw new TesseraValidationException("spans", "", "at least one span");
        }

        var ordered = new List<int>(spanDays);
        ordered.Sort((a, b) => b.CompareTo(a));
        var endTime = data.Calendar[end];
        var spans = new List<SepSpan>(ordered.Count);
        for (var k = 0; k < ordered.Count; k++)
        {
            var days = ordered[k];
            if (days < 1 || (k > 0 && ordered[k - 1] == days))
            {
                throw new TesseraValidationException("spans", days.ToString(System.Globalization.CultureInfo.InvariantCulture), "distinct whole numbers of days ≥ 1");
            }

            var startTime = endTime - ((long)days * 86_400_000L);
            var from = FirstBarAtOrAfter(data.Calendar, startTime);
            if (from < settings.Look)
            {
                throw new TesseraValidationException(
                    "spans", days.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    $"the data must hold {settings.Look} bars (sep.look) before the span's first bar");
            }

            if (from >= end)
            {
                throw new TesseraValidationException("spans", days.ToString(System.Globalization.CultureInfo.InvariantCulture), "a span that holds at least two bars");
            }

            spans.Add(new SepSpan(days, SepBacktest.Run(data, settings, from, end, initialEquity)));
        }

        var violations = new List<string>();
        for (var k = 1; k < spans.Count; k++)
        {
            var longer = spans[k - 1];
            var shorter = spans[k];
            if (longer.Result.Entries < shorter.Result.Entries)
            {
                violations.Add(FormattableString.Invariant(
                    $"trades({longer.Days}) = {longer.Result.Entries} < trades({shorter.Days}) = {shorter.Result.Entries}"));
            }
        }

        return new SepSpanStudyResult(spans, violations);
    }

    private static int FirstBarAtOrAfter(long[] calendar, long time)
    {
        var i = Array.BinarySearch(calendar, time);
        return i >= 0 ? i : ~i;
    }
}
