using Tessera.Core.Sep;
using Xunit;

namespace Tessera.Core.Tests.Sep;

/// <summary>The SEP seed's allocator-lite: guards, Top-K by the weighted score, fill-to-K, normalised weights, stale hold.</summary>
public sealed class SepAllocatorTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 2, 15, 0, 0, TimeSpan.Zero);

    // Scores with the default weights (C 0.6, S 0.2, R 0.15, H 0.05): 0.6C + 0.2S + 0.15(1 − R) + 0.05(1 − H).
    private static readonly SepMetrics A = new(0.9, 0.8, 0.1, 0.5);  // passes; 0.54 + 0.16 + 0.135 + 0.025 = 0.86
    private static readonly SepMetrics B = new(0.5, 0.6, 0.2, 0.5);  // passes; 0.30 + 0.12 + 0.12 + 0.025 = 0.565
    private static readonly SepMetrics C = new(0.1, 0.9, 0.1, 0.2);  // fails C ≥ 0.2; 0.06 + 0.18 + 0.135 + 0.04 = 0.415
    private static readonly SepMetrics D = new(0.3, 0.3, 0.1, 0.2);  // fails S ≥ 0.45; 0.18 + 0.06 + 0.135 + 0.04 = 0.415

    [Fact]
    public void The_top_K_admitted_instruments_get_their_scores_normalised_as_weights()
    {
        var allocator = new SepAllocator(new SepSettings { K = 2 }, 4);
        var result = allocator.Evaluate(T0, T0, new SepMetrics?[] { B, C, A, D });
        Assert.Equal(0.86, result.Scores[2], 12);
        Assert.Equal(0.565, result.Scores[0], 12);
        Assert.Equal([SepSelection.Guarded, SepSelection.None, SepSelection.Guarded, SepSelection.None], result.Selection);
        Assert.Equal(0.565 / (0.565 + 0.86), result.Weights[0], 12);
        Assert.Equal(0.86 / (0.565 + 0.86), result.Weights[2], 12);
        Assert.Equal(1.0, result.Weights.Sum(), 12);
    }

    [Fact]
    public void Fewer_admitted_than_K_are_filled_with_the_best_scored_others_and_ties_go_to_the_first_instrument()
    {
        var allocator = new SepAllocator(new SepSettings { K = 2 }, 4);
        var result = allocator.Evaluate(T0, T0, new SepMetrics?[] { B, C, null, D });
        Assert.Equal(SepSelection.Guarded, result.Selection[0]);
        Assert.Equal(SepSelection.Filled, result.Selection[1]); // C and D tie at 0.415: the lower index wins
        Assert.Equal(SepSelection.None, result.Selection[2]);   // no metrics: never selected
        Assert.Equal(SepSelection.None, result.Selection[3]);
        Assert.Equal(0.565 / (0.565 + 0.415), result.Weights[0], 12);
    }

    [Fact]
    public void Without_fill_to_K_only_admitted_instruments_are_selected()
    {
        var allocator = new SepAllocator(new SepSettings { K = 3, FillToK = false }, 4);
        var result = allocator.Evaluate(T0, T0, new SepMetrics?[] { B, C, null, D });
        Assert.Equal(1, result.SelectedCount);
        Assert.Equal(1.0, result.Weights[0], 12);
    }

    [Fact]
    public void Stale_metrics_hold_the_previous_weights()
    {
        var settings = new SepSettings { K = 2, StaleAfter = TimeSpan.FromMinutes(3) };
        var allocator = new SepAllocator(settings, 4);
        var first = allocator.Evaluate(T0, T0, new SepMetrics?[] { B, C, A, D });
        var now = T0 + TimeSpan.FromMinutes(10);
        var atLimit = allocator.Evaluate(now, now - TimeSpan.FromMinutes(3), new SepMetrics?[] { D, C, null, B });
        Assert.False(atLimit.HeldStale); // exactly StaleAfter old is still fresh
        var held = allocator.Evaluate(now, now - TimeSpan.FromMinutes(3) - TimeSpan.FromMilliseconds(1), new SepMetrics?[] { A, A, A, A });
        Assert.True(held.HeldStale);
        Assert.Equal(atLimit.Weights, held.Weights);
        Assert.NotEqual(first.Weights, held.Weights);
    }

    [Fact]
    public void Settings_out_of_range_are_refused_naming_the_field()
    {
        var e = Assert.Throws<Tessera.Core.Errors.TesseraValidationException>(() => new SepAllocator(new SepSettings { K = 0 }, 4));
        Assert.Equal("sep.k", e.Field);
        e = Assert.Throws<Tessera.Core.Errors.TesseraValidationException>(() => new SepSettings { Weights = new SepWeights(0.6, 0.2, 0.15, 0.1) }.Validate());
        Assert.Equal("sep.weights", e.Field);
        e = Assert.Throws<Tessera.Core.Errors.TesseraValidationException>(() => new SepSettings { CoherenceMin = double.NaN }.Validate());
        Assert.Equal("sep.coherence_min", e.Field);
    }
}
