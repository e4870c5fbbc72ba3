namespace Tessera.Core.Data.Import;

/// <summary>Closing bid and ask per bar (minute bars of ../shared/data carry them), aligned with the bars; NaN where the file had none.</summary>
public sealed record ClosingQuotes(double[] Bid, double[] Ask);

/// <summary>Series (one per symbol, ordinal symbol order, each sorted and unique in time) and the report.</summary>
public sealed class BarImportResult
{
    public BarImportResult(IReadOnlyList<BarSeries> series, IReadOnlyDictionary<string, ClosingQuotes> closingQuotes, ImportReport report)
    {
        Series = series;
        ClosingQuotes = closingQuotes;
        Report = report;
    }

    public IReadOnlyList<BarSeries> Series { get; }

    /// <summary>Per symbol, only when the file had bid_close/ask_close columns.</summary>
    public IReadOnlyDictionary<string, ClosingQuotes> ClosingQuotes { get; }

    public ImportReport Report { get; }

    public long TotalBars
    {
        get
        {
            long n = 0;
            foreach (var s in Series)
            {
                n += s.Count;
            }

            return n;
        }
    }
}
