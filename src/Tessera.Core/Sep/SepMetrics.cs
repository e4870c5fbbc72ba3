namespace Tessera.Core.Sep;

/// <summary>
/// The four SEP metrics of one instrument at one time, each in [0, 1]. The SEP seed names them without formulas
/// ("coherence: directional agreement over recent windows; stability: persistence of signal structure; rupture:
/// structural breaks; entropy: uncertainty"); these are Tessera's definitions, written in docs/SEP.md.
/// </summary>
public readonly record struct SepMetrics(double Coherence, double Stability, double Rupture, double Entropy)
{
    /// <summary>
    /// The weighted score the allocator ranks by: C and S count for, R and H against (their complements enter the
    /// score), so a perfect instrument scores the sum of the weights.
    /// </summary>
    public double Score(SepWeights w) =>
        (w.Coherence * Coherence) + (w.Stability * Stability) + (w.Rupture * (1 - Rupture)) + (w.Entropy * (1 - Entropy));
}

/// <summary>Weights of the score (the seed's defaults: C 0.6, S 0.2, R 0.15, H 0.05).</summary>
public readonly record struct SepWeights(double Coherence, double Stability, double Rupture, double Entropy)
{
    public static SepWeights Default { get; } = new(0.6, 0.2, 0.15, 0.05);
}
