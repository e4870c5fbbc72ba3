namespace Tessera.Core.Data.Synthetic;

/// <summary>Daily log-return drift and volatility of the market factor while in one regime.</summary>
public readonly record struct RegimeParameters(double Drift, double Volatility);
