using System.Globalization;
using Tessera.Core.Errors;

namespace Tessera.Core.Streaming;

/// <summary>
/// A stop level kept in the stream service, not at the broker. <see cref="Protects"/> is the position it protects:
/// a LONG position's stop fires when a trade prints at or below <see cref="StopPrice"/>, a SHORT position's at or above.
/// <see cref="Quantity"/> is the part of the position it closes (shares, may be fractional).
/// </summary>
public sealed record VirtualStop(string Id, string Symbol, Side Protects, decimal StopPrice, decimal Quantity)
{
    /// <summary>Throws a <see cref="TesseraValidationException"/> naming the first bad field.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Id) || Id.Length > 100)
        {
            throw new TesseraValidationException("stop.id", Id, "1 to 100 characters");
        }

        if (string.IsNullOrWhiteSpace(Symbol) || Symbol.Length > 32)
        {
            throw new TesseraValidationException("stop.symbol", Symbol, "1 to 32 characters");
        }

        if (Protects is not (Side.Long or Side.Short))
        {
            throw new TesseraValidationException("stop.protects", Protects.ToString(), SideText.DirectionRule);
        }

        if (StopPrice <= 0 || StopPrice >= TradeSanity.MaxSanePrice)
        {
            throw new TesseraValidationException("stop.stop_price", StopPrice.ToString(CultureInfo.InvariantCulture), "must be > 0 and below " + TradeSanity.MaxSanePrice.ToString(CultureInfo.InvariantCulture));
        }

        if (Quantity <= 0)
        {
            throw new TesseraValidationException("stop.quantity", Quantity.ToString(CultureInfo.InvariantCulture), "must be > 0");
        }
    }

    /// <summary>Whether a trade at <paramref name="price"/> prints through this stop (exactly at the stop counts).</summary>
    public bool IsBreachedBy(decimal price) => Protects == Side.Long ? price <= StopPrice : price >= StopPrice;
}

/// <summary>A stop that fired: the stop as it was armed, and the trade that printed through it.</summary>
public readonly record struct StopTrigger(VirtualStop Stop, decimal TradePrice, DateTimeOffset TradeTime);
