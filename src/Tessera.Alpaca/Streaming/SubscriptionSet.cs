using System.Text.Json;

namespace Tessera.Alpaca.Streaming;

/// <summary>
/// Symbols per channel of the market data stream. "*" subscribes to every symbol of a channel. Corrections and
/// cancel errors are not requested by clients: the server adds them for every trade subscription.
/// </summary>
public sealed record SubscriptionSet
{
    public IReadOnlyList<string> Trades { get; init; } = [];
    public IReadOnlyList<string> Quotes { get; init; } = [];
    public IReadOnlyList<string> Bars { get; init; } = [];
    public IReadOnlyList<string> UpdatedBars { get; init; } = [];
    public IReadOnlyList<string> DailyBars { get; init; } = [];
    public IReadOnlyList<string> Statuses { get; init; } = [];
    public IReadOnlyList<string> Lulds { get; init; } = [];
    public IReadOnlyList<string> Corrections { get; init; } = [];
    public IReadOnlyList<string> CancelErrors { get; init; } = [];

    public static IReadOnlyList<string> ChannelNames { get; } = ["trades", "quotes", "bars", "updatedBars", "dailyBars", "statuses", "lulds", "corrections", "cancelErrors"];

    public bool IsEmpty => Channels().All(c => c.Symbols.Count == 0);

    public IEnumerable<(string Name, IReadOnlyList<string> Symbols)> Channels()
    {
        yield return ("trades", Trades);
        yield return ("quotes", Quotes);
        yield return ("bars", Bars);
        yield return ("updatedBars", UpdatedBars);
        yield return ("dailyBars", DailyBars);
        yield return ("statuses", Statuses);
        yield return ("lulds", Lulds);
        yield return ("corrections", Corrections);
        yield return ("cancelErrors", CancelErrors);
    }

    public SubscriptionSet With(string channel, IReadOnlyList<string> symbols) => channel switch
    {
        "trades" => this with { Trades = symbols },
        "quotes" => this with { Quotes = symbols },
        "bars" => this with { Bars = symbols },
        "updatedBars" => this with { UpdatedBars = symbols },
        "dailyBars" => this with { DailyBars = symbols },
        "statuses" => this with { Statuses = symbols },
        "lulds" => this with { Lulds = symbols },
        "corrections" => this with { Corrections = symbols },
        "cancelErrors" => this with { CancelErrors = symbols },
        _ => this,
    };

    /// <summary>Union per channel (what the server holds after a subscribe).</summary>
    public SubscriptionSet Union(SubscriptionSet other)
    {
        ArgumentNullException.ThrowIfNull(other);
        var result = this;
        foreach (var ((name, mine), (_, theirs)) in Channels().Zip(other.Channels()))
        {
            result = result.With(name, [.. mine.Union(theirs, StringComparer.Ordinal)]);
        }

        return result;
    }

    /// <summary>Per channel, without the other's symbols (after an unsubscribe).</summary>
    public SubscriptionSet Except(SubscriptionSet other)
    {
        ArgumentNullException.ThrowIfNull(other);
        var result = this;
        foreach (var ((name, mine), (_, theirs)) in Channels().Zip(other.Channels()))
        {
            result = result.With(name, [.. mine.Except(theirs, StringComparer.Ordinal)]);
        }

        return result;
    }

    /// <summary>{"action":"subscribe","trades":[..],..} with only the client-requestable, non-empty channels.</summary>
    public byte[] ToActionFrame(string action)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("action", action);
            foreach (var (name, symbols) in Channels())
            {
                if (symbols.Count == 0 || name is "corrections" or "cancelErrors")
                {
                    continue;
                }

                w.WriteStartArray(name);
                foreach (var s in symbols)
                {
                    w.WriteStringValue(s);
                }

                w.WriteEndArray();
            }

            w.WriteEndObject();
        }

        return buffer.ToArray();
    }
}
