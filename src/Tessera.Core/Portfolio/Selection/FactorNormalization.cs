namespace Tessera.Core.Portfolio.Selection;

/// <summary>How a raw factor is put on a common [0, 1] scale before rank-sum scoring.</summary>
public enum FactorNormalization
{
    /// <summary>(x - mean)/sd, then the logistic 1/(1 + e^-z).</summary>
    Logistic,

    /// <summary>(x - mean)/sd clipped to [-3, 3] and mapped linearly to [0, 1].</summary>
    ZScore,

    /// <summary>Average rank (ties share it) / (n - 1).</summary>
    Rank,
}

/// <summary>A factor used in scoring and the normalization it gets.</summary>
public sealed record ScoringFactor(string Name, FactorNormalization Normalization);
