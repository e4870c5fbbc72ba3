using Tessera.Core.Determinism;
using Tessera.Core.Errors;
using Tessera.Core.Regime.Hmm;
using Xunit;

namespace Tessera.Core.Tests.Regime.Hmm;

public sealed class HmmRegimeStepTests
{
    /// <summary>A calm rising market followed by a crash: the last day's filtered regime is Bear.</summary>
    [Fact]
    public void A_crash_at_the_end_reads_bear_from_filtered_probabilities()
    {
        var random = new DeterministicRandom(3);
        var r = new double[600];
        for (var i = 0; i < r.Length; i++)
        {
            r[i] = i < 560 ? 0.001 + (0.005 * random.NextNormal()) : -0.02 + (0.03 * random.NextNormal());
        }

        var reading = HmmRegimeStep.Classify(r, new HmmFitOptions(States: 2, Restarts: 3, Seed: 1));
        Assert.Equal(HmmRegime.Bear, reading.Regime);
        Assert.Equal([HmmRegime.Bear, HmmRegime.Bull], reading.Labels);
        Assert.Equal(1.0, reading.FilteredProbabilities.Sum(), 12);
    }

    [Fact]
    public void A_return_at_or_below_minus_one_is_a_typed_error()
    {
        var r = Enumerable.Repeat(0.01, 100).ToArray();
        r[40] = -1;
        var e = Assert.Throws<TesseraValidationException>(() => HmmRegimeStep.Classify(r, new HmmFitOptions(States: 2)));
        Assert.Contains("returns[40]", e.Message, StringComparison.Ordinal);
    }
}
