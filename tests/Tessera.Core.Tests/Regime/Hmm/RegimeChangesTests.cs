using Tessera.Core.Regime.Hmm;
using Xunit;

namespace Tessera.Core.Tests.Regime.Hmm;

public sealed class RegimeChangesTests
{
    private static readonly HmmRegime[] Three = [HmmRegime.Bear, HmmRegime.Neutral, HmmRegime.Bull];

    [Fact]
    public void Each_reading_takes_the_label_of_its_most_probable_state_ties_to_the_lower_state()
    {
        var filtered = new double[,]
        {
            { 0.1, 0.2, 0.7 },
            { 0.2, 0.5, 0.3 },
            { 0.6, 0.3, 0.1 },
            { 0.4, 0.4, 0.2 },
        };
        Assert.Equal([HmmRegime.Bull, HmmRegime.Neutral, HmmRegime.Bear, HmmRegime.Bear], RegimeChanges.FilteredLabels(filtered, Three));
    }

    /// <summary>Two Neutral states of a 4-state model trading places is the same label: no change.</summary>
    [Fact]
    public void A_switch_between_two_states_with_the_same_label_is_no_change()
    {
        var labels = new[] { HmmRegime.Bear, HmmRegime.Neutral, HmmRegime.Neutral, HmmRegime.Bull };
        var filtered = new double[,] { { 0, 0.9, 0.1, 0 }, { 0, 0.1, 0.9, 0 } };
        var readings = RegimeChanges.FilteredLabels(filtered, labels);
        Assert.Equal([HmmRegime.Neutral, HmmRegime.Neutral], readings);
        Assert.Empty(RegimeChanges.Since(HmmRegime.Neutral, DateOnly.MinValue, [new DateOnly(2026, 1, 5), new DateOnly(2026, 1, 6)], readings));
    }

    /// <summary>
    /// Previous model: Bull through Jan 6. Readings Jan 5..Jan 9: Bear (Jan 5, before the previous fit: ignored), Bull
    /// (Jan 6, the previous fit's own last day: ignored), Bull (Jan 7: same, no change), Bear (Jan 8: Bull -> Bear),
    /// Neutral (Jan 9: Bear -> Neutral).
    /// </summary>
    [Fact]
    public void Changes_are_counted_only_after_the_previous_fits_last_day_and_chain_from_its_label()
    {
        DateOnly[] dates = [new(2026, 1, 5), new(2026, 1, 6), new(2026, 1, 7), new(2026, 1, 8), new(2026, 1, 9)];
        HmmRegime[] readings = [HmmRegime.Bear, HmmRegime.Bull, HmmRegime.Bull, HmmRegime.Bear, HmmRegime.Neutral];
        var changes = RegimeChanges.Since(HmmRegime.Bull, new DateOnly(2026, 1, 6), dates, readings);
        Assert.Equal(
            [new RegimeChange(new DateOnly(2026, 1, 8), HmmRegime.Bull, HmmRegime.Bear), new RegimeChange(new DateOnly(2026, 1, 9), HmmRegime.Bear, HmmRegime.Neutral)],
            changes);
    }

    [Fact]
    public void A_first_fit_has_nothing_to_compare_with()
    {
        Assert.Empty(RegimeChanges.Since(null, DateOnly.MinValue, [new DateOnly(2026, 1, 5), new DateOnly(2026, 1, 6)], [HmmRegime.Bear, HmmRegime.Bull]));
    }

    /// <summary>A label that differs from the previous model's on the first new day is a change on that day.</summary>
    [Fact]
    public void A_different_label_on_the_first_new_day_is_a_change_on_that_day()
    {
        var changes = RegimeChanges.Since(HmmRegime.Neutral, new DateOnly(2026, 1, 6), [new DateOnly(2026, 1, 7)], [HmmRegime.Bull]);
        Assert.Equal([new RegimeChange(new DateOnly(2026, 1, 7), HmmRegime.Neutral, HmmRegime.Bull)], changes);
    }
}
