using System.Globalization;
using Tessera.Core.Errors;

namespace Tessera.Core.Streaming;

/// <summary>What the sanity check said about one stream trade.</summary>
public enum TradeVerdict
{
    Accepted,

    /// <summary>Price or size zero or negative (non-numbers never get here: the client's parser refuses the frame).</summary>
    NotPositive,

    /// <summary>At or above the largest sane price, or further than the allowed ratio from the symbol's reference price.</summary>
    AbsurdPrice,

    /// <summary>Event time later than the receive time plus the tolerance: a clock or feed error.</summary>
    FutureTimestamp,
}

/// <summary>
/// The gate in front of the stop book: a trade that fails it is counted and skipped and can never fire a stop.
/// Absurd = at or above 10,000,000 (the decision pipeline's bound) or more than <see cref="MaxRatio"/> times away from
/// the symbol's reference price (the last accepted trade, or the level seeded from the broker's position). The default
/// ratio is 10: a misplaced decimal point is caught, a real crash (which LULD bands slow to 5-10 % steps during the
/// session) is not. Future = stamped more than <see cref="FutureTolerance"/> after it was received.
/// </summary>
public sealed class TradeSanity
{
    public const decimal MaxSanePrice = 10_000_000m;

    private readonly Dictionary<string, decimal> _reference = new(StringComparer.Ordinal);
    private readonly long[] _counts = new long[4];

    public TradeSanity(decimal maxRatio, TimeSpan futureTolerance)
    {
        if (maxRatio <= 1)
        {
            throw new TesseraValidationException("max_price_ratio", maxRatio.ToString(CultureInfo.InvariantCulture), "must be > 1");
        }

        if (futureTolerance < TimeSpan.Zero)
        {
            throw new TesseraValidationException("future_tolerance", futureTolerance.TotalMilliseconds.ToString(CultureInfo.InvariantCulture), "must be >= 0");
        }

        MaxRatio = maxRatio;
        FutureTolerance = futureTolerance;
    }

    public static TradeSanity CreateDefault() => new(10m, TimeSpan.FromSeconds(2));

    public decimal MaxRatio { get; }

    public TimeSpan FutureTolerance { get; }

    public long Count(TradeVerdict verdict) => _counts[(int)verdict];

    /// <summary>Seeds the reference price of a symbol (the broker's last price of a position) before any trade arrives.</summary>
    public void SeedReference(string symbol, decimal price)
    {
        if (price > 0 && price < MaxSanePrice)
        {
            _reference[symbol] = price;
        }
    }

    /// <summary>Checks one trade; an accepted trade becomes the symbol's reference (and is given back in <paramref name="accepted"/>).</summary>
    public TradeVerdict Check(string symbol, decimal price, decimal size, DateTimeOffset eventTime, DateTimeOffset receivedAt, out decimal accepted)
    {
        accepted = 0;
        var verdict = Classify(symbol, price, size, eventTime, receivedAt, out var p);
        _counts[(int)verdict]++;
        if (verdict == TradeVerdict.Accepted)
        {
            accepted = p;
            _reference[symbol] = p;
        }

        return verdict;
    }

    private TradeVerdict Classify(string symbol, decimal price, decimal size, DateTimeOffset eventTime, DateTimeOffset receivedAt, out decimal p)
    {
        p = price;
        if (price <= 0 || size <= 0)
        {
            return TradeVerdict.NotPositive;
        }

        if (price >= MaxSanePrice)
        {
            return TradeVerdict.AbsurdPrice;
        }

        if (_reference.TryGetValue(symbol, out var reference) && (p > reference * MaxRatio || p * MaxRatio < reference))
        {
            return TradeVerdict.AbsurdPrice;
        }

        return eventTime - receivedAt > FutureTolerance ? TradeVerdict.FutureTimestamp : TradeVerdict.Accepted;
    }
}
