using Tessera.Core.Errors;

namespace Tessera.Trading.Safety;

/// <summary>The reading of one equity poll: drawdown from the session's opening equity and whether it breaches the limit.</summary>
public readonly record struct CircuitBreakerReading(decimal OpeningEquity, decimal CurrentEquity, decimal Drawdown, bool Breached);

/// <summary>
/// The portfolio circuit breaker (ALGORITHMS.md, seed 000 SOP-02): intraday drawdown from the session's OPENING equity
/// (captured at the open, not the previous close) at or beyond the limit (default 3%) halts trading. Drawdown =
/// 1 − current / opening, so a gain is a negative drawdown and never trips. Decimal arithmetic so the boundary
/// (exactly −3.00%) is decided exactly.
/// </summary>
public sealed class CircuitBreakerRule
{
    public CircuitBreakerRule(decimal maxIntradayDrawdown)
    {
        if (maxIntradayDrawdown is <= 0 or >= 1)
        {
            throw new TesseraValidationException("circuit_breaker.max_intraday_drawdown", maxIntradayDrawdown.ToString(System.Globalization.CultureInfo.InvariantCulture), "must be in (0, 1)");
        }

        MaxIntradayDrawdown = maxIntradayDrawdown;
    }

    public decimal MaxIntradayDrawdown { get; }

    public CircuitBreakerReading Evaluate(decimal openingEquity, decimal currentEquity)
    {
        if (openingEquity <= 0)
        {
            throw new TesseraValidationException("equity_opening", openingEquity.ToString(System.Globalization.CultureInfo.InvariantCulture), "must be > 0");
        }

        if (currentEquity < 0)
        {
            throw new TesseraValidationException("equity_current", currentEquity.ToString(System.Globalization.CultureInfo.InvariantCulture), "must be >= 0");
        }

        var drawdown = 1m - (currentEquity / openingEquity);
        return new CircuitBreakerReading(openingEquity, currentEquity, drawdown, drawdown >= MaxIntradayDrawdown);
    }
}
