using System.Globalization;
using Tessera.Core.Errors;

namespace Tessera.Core.Sentiment;

/// <summary>One reading: the score, and once the baseline is long enough, its z-score against the ticker's own history.</summary>
public sealed record SentimentReading(string Ticker, double Score, int HistoryReadings, double? ZScore, double? BaselineMean, double? BaselineStandardDeviation, bool Exit);

/// <summary>
/// The Alpha blueprint's SentimentChangeDetector (seed 000: zscore_exit_threshold −2.0, min_history_readings 60): a new
/// score is compared with the ticker's own previous scores (the baseline excludes the new reading, so a shock cannot
/// dilute itself), z = (score − mean) / sample sd; an exit signal (SENTIMENT_EXIT_ALERT) when z &lt; −2.0, only once 60
/// readings exist. The baseline is the last <see cref="MaxHistory"/> readings. A baseline with zero spread gives no z
/// (undefined, reported as null), not an infinite one.
/// </summary>
public sealed class SentimentChangeDetector
{
    private readonly Dictionary<string, Queue<double>> _history = new(StringComparer.Ordinal);

    public SentimentChangeDetector(double exitThreshold = -2.0, int minHistory = 60, int maxHistory = 252)
    {
        if (!double.IsFinite(exitThreshold) || exitThreshold >= 0)
        {
            throw new TesseraValidationException("sentiment.zscore_exit_threshold", exitThreshold.ToString("R", CultureInfo.InvariantCulture), "must be a negative number of standard deviations");
        }

        if (minHistory < 2 || maxHistory < minHistory)
        {
            throw new TesseraValidationException("sentiment.min_history_readings", minHistory.ToString(CultureInfo.InvariantCulture), "must be >= 2 and <= max history");
        }

        ExitThreshold = exitThreshold;
        MinHistory = minHistory;
        MaxHistory = maxHistory;
    }

    public double ExitThreshold { get; }

    public int MinHistory { get; }

    public int MaxHistory { get; }

    public SentimentReading Add(string ticker, double score)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(ticker);
        if (!double.IsFinite(score) || score is < -1 or > 1)
        {
            throw new TesseraValidationException("score", score.ToString("R", CultureInfo.InvariantCulture), "a sentiment score must be finite and in [-1, 1]");
        }

        if (!_history.TryGetValue(ticker, out var history))
        {
            _history[ticker] = history = new Queue<double>(MaxHistory);
        }

        SentimentReading reading;
        if (history.Count < MinHistory)
        {
            reading = new SentimentReading(ticker, score, history.Count, null, null, null, false);
        }
        else
        {
            double mean = 0;
            foreach (var v in history)
            {
                mean += v;
            }

            mean /= history.Count;
            double ss = 0;
            foreach (var v in history)
            {
                ss += (v - mean) * (v - mean);
            }

            var sd = Math.Sqrt(ss / (history.Count - 1));
            double? z = sd > 0 ? (score - mean) / sd : null;
            reading = new SentimentReading(ticker, score, history.Count, z, mean, sd, z < ExitThreshold);
        }

        if (history.Count == MaxHistory)
        {
            history.Dequeue();
        }

        history.Enqueue(score);
        return reading;
    }
}
