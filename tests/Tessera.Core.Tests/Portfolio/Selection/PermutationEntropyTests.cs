using Tessera.Core.Determinism;
using Tessera.Core.Portfolio.Selection;
using Xunit;

namespace Tessera.Core.Tests.Portfolio.Selection;

public sealed class PermutationEntropyTests
{
    [Fact]
    public void Monotone_series_has_zero_entropy()
    {
        Assert.Equal(0.0, PermutationEntropy.Compute([1, 2, 3, 4, 5, 6, 7]), 15);
    }

    [Fact]
    public void Two_equally_frequent_patterns_hand_computed()
    {
        // Windows of 1,3,2,4,3,5: (1,3,2) (3,2,4) (2,4,3) (4,3,5): two patterns, p = 1/2 each -> ln 2 / ln 3!.
        Assert.Equal(Math.Log(2) / Math.Log(6), PermutationEntropy.Compute([1, 3, 2, 4, 3, 5]), 14);
    }

    [Fact]
    public void White_noise_is_close_to_one_and_windows_with_NaN_are_skipped()
    {
        var rng = new DeterministicRandom(5);
        var x = Enumerable.Range(0, 20_000).Select(_ => rng.NextNormal()).ToArray();
        Assert.InRange(PermutationEntropy.Compute(x), 0.999, 1.0);
        Assert.Equal(Math.Log(2) / Math.Log(6), PermutationEntropy.Compute([1, 3, 2, 4, double.NaN, 1, 3, 2, 4]), 14);
    }
}
