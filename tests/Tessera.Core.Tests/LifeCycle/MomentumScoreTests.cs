using Tessera.Core.Errors;
using Tessera.Core.LifeCycle;
using Xunit;

namespace Tessera.Core.Tests.LifeCycle;

public sealed class MomentumScoreTests
{
    [Fact]
    public void Compounds_returns_from_t_minus_lookback_to_t_minus_skip_only()
    {
        // 6 returns, lookback 5, skip 2: window is indices 1..3 (n-lookback .. n-skip-1).
        double[] r = [0.50, 0.10, -0.20, 0.05, 9.0, 9.0];
        var expected = (1.10 * 0.80 * 1.05) - 1.0;
        Assert.Equal(expected, MomentumScore.Compute(r, 5, 2), 14);
    }

    [Fact]
    public void Rejects_short_history_and_nan()
    {
        Assert.Throws<TesseraValidationException>(() => MomentumScore.Compute(new double[3], 5, 1));
        Assert.Throws<TesseraValidationException>(() => MomentumScore.Compute([0, double.NaN, 0, 0, 0], 5, 1));
    }
}
