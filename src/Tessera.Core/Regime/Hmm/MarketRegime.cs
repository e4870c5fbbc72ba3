namespace Tessera.Core.Regime.Hmm;

/// <summary>The Alpha blueprint's three regimes (seed 000: hmm_states 3, Bull / Neutral / Bear), by the state's mean return.</summary>
public enum HmmRegime
{
    Bear = 0,
    Neutral = 1,
    Bull = 2,
}

/// <summary>Labels the states of a fit (sorted by ascending mean): lowest mean Bear, highest Bull, the middle Neutral.</summary>
public static class HmmRegimeLabels
{
    public static HmmRegime[] For(GaussianHmmParameters sortedByMean)
    {
        ArgumentNullException.ThrowIfNull(sortedByMean);
        var k = sortedByMean.States;
        var labels = new HmmRegime[k];
        for (var i = 0; i < k; i++)
        {
            labels[i] = i == 0 ? HmmRegime.Bear : i == k - 1 ? HmmRegime.Bull : HmmRegime.Neutral;
        }

        return labels;
    }
}
