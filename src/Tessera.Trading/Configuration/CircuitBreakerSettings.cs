namespace Tessera.Trading.Configuration;

/// <summary>
/// Section <c>circuit_breaker</c> (seed 000 PortfolioCircuitBreaker): halt at an intraday drawdown of
/// <see cref="MaxIntradayDrawdown"/> from the session's opening equity, polled every <see cref="EquityPollSeconds"/>.
/// </summary>
public sealed record CircuitBreakerSettings(double MaxIntradayDrawdown, int EquityPollSeconds);
