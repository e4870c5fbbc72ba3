using Tessera.Core.Errors;

namespace Tessera.Core.Data.Synthetic;

/// <summary>
/// One intraday session of trades and quotes for <see cref="Symbol"/> on <see cref="Date"/> (UTC date),
/// regular US hours 13:30-20:00 UTC by default, fully determined by <see cref="Seed"/>.
/// </summary>
public sealed record SyntheticSessionSpec(string Symbol, DateTime Date, ulong Seed)
{
    public int Trades { get; init; } = 20_000;

    public double OpenPrice { get; init; } = 100.0;

    /// <summary>Volatility of the mid price over the whole session (log).</summary>
    public double SessionVolatility { get; init; } = 0.012;

    public double TickSize { get; init; } = 0.01;

    public TimeSpan SessionOpen { get; init; } = new(13, 30, 0);

    public TimeSpan SessionClose { get; init; } = new(20, 0, 0);

    public int TailDegreesOfFreedom { get; init; } = 4;

    public void Validate()
    {
        SymbolId.Parse(Symbol);
        if (Date.Kind != DateTimeKind.Utc || Date != Date.Date)
        {
            throw new TesseraValidationException("date", Date.ToString("O"), "must be a UTC date at midnight");
        }

        if (Trades is < 1 or > 5_000_000)
        {
            throw new TesseraValidationException("trades", Trades.ToString(), "must be in 1..5000000");
        }

        if (!double.IsFinite(OpenPrice) || OpenPrice <= 0 || OpenPrice > 1e7)
        {
            throw new TesseraValidationException("openPrice", OpenPrice.ToString("R"), "must be finite and in (0, 1e7]");
        }

        if (!double.IsFinite(SessionVolatility) || SessionVolatility < 0 || SessionVolatility > 1)
        {
            throw new TesseraValidationException("sessionVolatility", SessionVolatility.ToString("R"), "must be in [0, 1]");
        }

        if (!double.IsFinite(TickSize) || TickSize <= 0 || TickSize >= OpenPrice)
        {
            throw new TesseraValidationException("tickSize", TickSize.ToString("R"), "must be > 0 and below the open price");
        }

        if (SessionOpen < TimeSpan.Zero || SessionClose > TimeSpan.FromDays(1) || SessionClose <= SessionOpen)
        {
            throw new TesseraValidationException("session", $"{SessionOpen}-{SessionClose}", "open must precede close within one day");
        }

        if (TailDegreesOfFreedom is < 3 or > 200)
        {
            throw new TesseraValidationException("tailDegreesOfFreedom", TailDegreesOfFreedom.ToString(), "must be in 3..200");
        }
    }
}
