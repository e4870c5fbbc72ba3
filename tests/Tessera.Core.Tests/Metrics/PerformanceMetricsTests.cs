using Tessera.Core.Errors;
using Tessera.Core.Metrics;
using Xunit;

namespace Tessera.Core.Tests.Metrics;

public sealed class PerformanceMetricsTests
{
    // r = [+10%, -5%, +2%, -3%]: mean 0.01, deviations .09 -.06 .01 -.04, sum of squares .0134 (hand-derived).
    private static readonly double[] R = [0.10, -0.05, 0.02, -0.03];

    [Fact]
    public void Total_return_compounds()
    {
        Assert.Equal((1.10 * 0.95 * 1.02 * 0.97) - 1, PerformanceMetrics.TotalReturn(R), 12);
        Assert.Equal(0.033923, PerformanceMetrics.TotalReturn(R), 12);
    }

    [Fact]
    public void Cagr_annualizes_by_periods_per_year()
    {
        Assert.Equal(0.033923, PerformanceMetrics.Cagr(R, periodsPerYear: 4), 12);
        Assert.Equal(Math.Pow(1.033923, 252.0 / 4) - 1, PerformanceMetrics.Cagr(R), 12);
        Assert.Equal(Math.Pow(1.033923, 0.5) - 1, PerformanceMetrics.Cagr(R, periodsPerYear: 2), 12);
    }

    [Fact]
    public void Volatility_sharpe_and_sortino_follow_the_documented_conventions()
    {
        var sd = Math.Sqrt(0.0134 / 3);
        Assert.Equal(sd * Math.Sqrt(252), PerformanceMetrics.Volatility(R), 12);
        Assert.Equal(0.01 / sd, PerformanceMetrics.PeriodSharpe(R), 12);
        Assert.Equal(0.01 / sd * Math.Sqrt(252), PerformanceMetrics.Sharpe(R), 12);
        var downside = Math.Sqrt((0.0025 + 0.0009) / 4);
        Assert.Equal(0.01 / downside * Math.Sqrt(252), PerformanceMetrics.Sortino(R), 12);
    }

    [Fact]
    public void Calmar_is_cagr_over_max_drawdown()
    {
        // Equity 1, 1.1, 1.045, 1.0659, 1.033923: worst point is the last, 1 - 1.033923/1.1 below the 1.1 peak.
        var mdd = 1 - (1.033923 / 1.1);
        Assert.Equal(PerformanceMetrics.Cagr(R) / mdd, PerformanceMetrics.Calmar(R), 10);
    }

    [Fact]
    public void Degenerate_series_give_zero_not_infinity()
    {
        double[] flat = [0.01, 0.01, 0.01];
        Assert.Equal(0, PerformanceMetrics.Sharpe(flat));
        Assert.Equal(0, PerformanceMetrics.Sortino(flat));
        Assert.Equal(0, PerformanceMetrics.Calmar(flat));
        Assert.Equal(0, PerformanceMetrics.Cagr([]));
    }

    [Fact]
    public void Non_finite_returns_are_rejected()
    {
        var ex = Assert.Throws<TesseraValidationException>(() => PerformanceMetrics.Sharpe([0.01, double.NaN]));
        Assert.Equal("returns", ex.Field);
        Assert.Throws<TesseraValidationException>(() => PerformanceMetrics.TotalReturn([double.PositiveInfinity]));
    }

    [Fact]
    public void Returns_from_equity_are_simple_returns()
    {
        var r = ReturnSeries.FromEquity([100, 110, 99]);
        Assert.Equal(0.1, r[0], 14);
        Assert.Equal(-0.1, r[1], 14);
        Assert.Throws<TesseraValidationException>(() => ReturnSeries.FromEquity([100, 0, 5]));
    }
}
