namespace Tessera.Core.Data.Synthetic;

/// <summary>State of the synthetic market's hidden Markov chain.</summary>
public enum MarketRegime
{
    Bull = 0,
    Neutral = 1,
    Bear = 2,
}
