using Tessera.Core.Indicators;
using Tessera.Core.LifeCycle;
using Xunit;

namespace Tessera.Core.Tests.LifeCycle;

/// <summary>The candidates' L1 features: RSI(14) from returns equals RSI on the real closes (RSI is scale-free).</summary>
public sealed class CandidateFeaturesTests
{
    [Fact]
    public void Rsi_from_returns_equals_rsi_on_the_closes_they_came_from()
    {
        double[] closes = [44.34, 44.09, 44.15, 43.61, 44.33, 44.83, 45.10, 45.42, 45.84, 46.08, 45.89, 46.03, 45.61, 46.28, 46.28, 46.00, 46.03, 46.41, 46.22, 45.64];
        var returns = new double[closes.Length - 1];
        for (var t = 1; t < closes.Length; t++)
        {
            returns[t - 1] = (closes[t] / closes[t - 1]) - 1;
        }

        var rsi = new Rsi(14);
        foreach (var c in closes)
        {
            rsi.Update(c);
        }

        Assert.Equal(rsi.Value, CandidateFeatures.Rsi(returns), 9);
        Assert.InRange(CandidateFeatures.Rsi(returns), 0, 100);
    }

    [Fact]
    public void Leading_missing_returns_are_skipped_and_short_histories_have_no_rsi()
    {
        double[] withGap = [double.NaN, double.NaN, .. Enumerable.Repeat(0.01, 14)];
        Assert.Equal(100.0, CandidateFeatures.Rsi(withGap)); // 14 gains, no loss
        Assert.True(double.IsNaN(CandidateFeatures.Rsi(Enumerable.Repeat(0.01, 13).ToArray())));
        var features = CandidateFeatures.Of(withGap, 2.5e7);
        Assert.Equal([CandidateFeatures.AverageDollarVolume20, CandidateFeatures.Rsi14], features.Keys);
        Assert.Equal(2.5e7, features[CandidateFeatures.AverageDollarVolume20]);
    }
}
