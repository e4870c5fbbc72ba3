using System.Globalization;
using Tessera.Core.Fundamentals;
using Tessera.Core.Regime.Hmm;
using Tessera.Core.Sentiment;
using Tessera.Orchestrations.Research.Fundamentals;
using Tessera.Trading.Events;

namespace Tessera.Orchestrations.Research;

/// <summary>
/// The research side's events, built in one place from what the domain decided (a regime change, a rejection, a
/// sentiment exit) with the fields docs/EVENTS.md lists for each code; the host publishes them.
/// </summary>
public static class ResearchEvents
{
    /// <summary>REGIME_CHANGED: new_state (the seed's field), previous_state, ticker (the series) and reading_date.</summary>
    public static TradingEvent RegimeChanged(string symbol, RegimeChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        var to = HmmModelRecord.Label(change.To);
        var from = HmmModelRecord.Label(change.From);
        return new TradingEvent(
            EventCodes.RegimeChanged,
            EventLevel.Warning,
            $"{symbol} regime changed from {from} to {to} on {change.Date:yyyy-MM-dd}",
            new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                [EventFields.NewState] = to,
                [EventFields.PreviousState] = from,
                [EventFields.Ticker] = symbol,
                [EventFields.ReadingDate] = change.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            });
    }

    /// <summary>TICKER_REJECTED: ticker and rejection_reason (the seed's fields) plus rejection_category and field.</summary>
    public static TradingEvent TickerRejected(TickerRejection rejection)
    {
        ArgumentNullException.ThrowIfNull(rejection);
        return new TradingEvent(
            EventCodes.TickerRejected,
            EventLevel.Warning,
            $"fundamental gatekeeper rejected {rejection.Ticker}: {rejection.Field}: {rejection.Reason}",
            new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                [EventFields.Ticker] = rejection.Ticker,
                [EventFields.RejectionReason] = rejection.Field + ": " + rejection.Reason,
                [EventFields.RejectionCategory] = RejectedTickersLog.CategoryName(rejection.Category),
            });
    }

    /// <summary>SENTIMENT_EXIT_ALERT: ticker, z_score and baseline_mean (the seed's fields) plus reading_date.</summary>
    public static TradingEvent SentimentExit(SentimentReading reading, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(reading);
        return new TradingEvent(
            EventCodes.SentimentExitAlert,
            EventLevel.Warning,
            $"{reading.Ticker} sentiment z-score {reading.ZScore!.Value.ToString("F2", CultureInfo.InvariantCulture)} below the exit threshold (baseline mean {reading.BaselineMean!.Value.ToString("F3", CultureInfo.InvariantCulture)} over {reading.HistoryReadings} readings)",
            new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                [EventFields.Ticker] = reading.Ticker,
                [EventFields.ZScore] = reading.ZScore,
                [EventFields.BaselineMean] = reading.BaselineMean,
                [EventFields.ReadingDate] = at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
            });
    }
}
