using Tessera.Core.Sentiment;
using Tessera.Trading.Events;

namespace Tessera.Orchestrations.Research.Sentiment;

/// <summary>Whether a ticker's history was long enough for the detector to give a z-score at all.</summary>
public enum SentimentHistoryStatus
{
    /// <summary>At least one reading had min_history earlier readings: z-scores were computed.</summary>
    Scored,

    /// <summary>Fewer than min_history + 1 readings: no reading ever had a baseline, so no z-score and no exit.</summary>
    InsufficientHistory,
}

/// <summary>A ticker's scan: readings, the last reading (with its z when scored), the exits raised and the status.</summary>
public sealed record TickerSentimentScan(string Ticker, int Readings, SentimentHistoryStatus Status, SentimentReading Last, IReadOnlyList<(DateTimeOffset At, SentimentReading Reading)> Exits);

/// <summary>The whole scan, tickers in ordinal order.</summary>
public sealed record SentimentScanResult(string Scorer, int MinHistory, IReadOnlyList<TickerSentimentScan> Tickers);

/// <summary>
/// <c>tessera sentiment scan FILE</c>: every headline is scored (the scorer is pluggable: the financial lexicon by
/// default) and fed, in timestamp order (file order among equal timestamps), to the <see cref="SentimentChangeDetector"/>
/// as one reading of its ticker; each exit (z below the threshold, once min_history earlier readings exist) is
/// published as SENTIMENT_EXIT_ALERT with z and the baseline mean. A ticker with too short a history is reported as
/// <see cref="SentimentHistoryStatus.InsufficientHistory"/>, never as "no exit".
/// </summary>
public sealed class SentimentScanService(ITradingEventPublisher events)
{
    public SentimentScanResult Run(IReadOnlyList<Headline> headlines, ISentimentScorer scorer, SentimentChangeDetector detector)
    {
        ArgumentNullException.ThrowIfNull(headlines);
        ArgumentNullException.ThrowIfNull(scorer);
        ArgumentNullException.ThrowIfNull(detector);
        var order = new int[headlines.Count];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        // Stable: equal timestamps keep their file order.
        var sorted = order.OrderBy(i => headlines[i].Timestamp).ThenBy(i => i).ToArray();
        var perTicker = new SortedDictionary<string, (int Count, SentimentReading Last, List<(DateTimeOffset, SentimentReading)> Exits)>(StringComparer.Ordinal);
        foreach (var i in sorted)
        {
            var h = headlines[i];
            var reading = detector.Add(h.Ticker, scorer.Score(h.Text));
            var state = perTicker.TryGetValue(h.Ticker, out var s) ? s : (Count: 0, Last: reading, Exits: new List<(DateTimeOffset, SentimentReading)>());
            state.Count++;
            state.Last = reading;
            if (reading.Exit)
            {
                state.Exits.Add((h.Timestamp, reading));
                events.Publish(ResearchEvents.SentimentExit(reading, h.Timestamp));
            }

            perTicker[h.Ticker] = state;
        }

        var tickers = new List<TickerSentimentScan>(perTicker.Count);
        foreach (var (ticker, state) in perTicker)
        {
            var status = state.Count > detector.MinHistory ? SentimentHistoryStatus.Scored : SentimentHistoryStatus.InsufficientHistory;
            tickers.Add(new TickerSentimentScan(ticker, state.Count, status, state.Last, state.Exits));
        }

        return new SentimentScanResult(scorer.Name, detector.MinHistory, tickers);
    }
}
