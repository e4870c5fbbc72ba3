using System.Globalization;

namespace Tessera.Core.Contracts;

/// <summary>How a feature is bounded by the L1 contract.</summary>
public enum FeatureKind
{
    /// <summary>No range, but finite (momentum, volatility, dollar volume).</summary>
    Unbounded = 0,

    /// <summary>An oscillator on the 0..100 scale (RSI, ADX, +DI/-DI, stochastics, MFI).</summary>
    Oscillator = 1,

    /// <summary>A recommendation score on the -1..1 scale (TradingView "Recommend.*").</summary>
    Score = 2,
}

/// <summary>
/// L1 (ingestion) contract of the quant-platform seed (002, 11.1): features in [0, 100] (RSI/ADX), scores in
/// [-1, 1] (recommendations); bounds inclusive, NaN and infinities are violations. A feature's kind comes from its
/// name (case-insensitive prefix: rsi, adx, plus_di, minus_di, stoch, mfi are oscillators; recommend is a score),
/// so ingested exports whose fields carry those names are checked without a schema per source.
/// </summary>
public static class FeatureContract
{
    public const double OscillatorMin = 0.0;
    public const double OscillatorMax = 100.0;
    public const double ScoreMin = -1.0;
    public const double ScoreMax = 1.0;

    private static readonly string[] OscillatorPrefixes = ["rsi", "adx", "plus_di", "minus_di", "+di", "-di", "stoch", "mfi"];

    public static FeatureKind KindOf(string feature)
    {
        ArgumentNullException.ThrowIfNull(feature);
        foreach (var prefix in OscillatorPrefixes)
        {
            if (feature.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                return FeatureKind.Oscillator;
            }
        }

        return feature.StartsWith("recommend", StringComparison.OrdinalIgnoreCase) ? FeatureKind.Score : FeatureKind.Unbounded;
    }

    /// <summary>
    /// Checks one value of <paramref name="feature"/> for <paramref name="subject"/>; a failure drops the subject. The
    /// violation names <paramref name="field"/> when given (e.g. "metadata.rsi"), else the feature.
    /// </summary>
    public static bool Check(string subject, string feature, double value, ContractFindings findings, long? timestamp = null, string? field = null)
    {
        ArgumentNullException.ThrowIfNull(findings);
        var (ok, rule) = KindOf(feature) switch
        {
            FeatureKind.Oscillator => (value is >= OscillatorMin and <= OscillatorMax, ContractRules.FeatureRange),
            FeatureKind.Score => (value is >= ScoreMin and <= ScoreMax, ContractRules.ScoreRange),
            _ => (double.IsFinite(value), ContractRules.FeatureFinite),
        };
        if (!ok)
        {
            findings.Add(new ContractViolation(rule, subject, field ?? feature, value.ToString("R", CultureInfo.InvariantCulture), timestamp, ViolationSeverity.Dropped));
        }

        return ok;
    }

    /// <summary>Checks every feature of one subject (ordinal order, so findings are deterministic); true when all pass.</summary>
    public static bool CheckAll(string subject, IReadOnlyDictionary<string, double> features, ContractFindings findings)
    {
        ArgumentNullException.ThrowIfNull(features);
        var ok = true;
        foreach (var name in features.Keys.Order(StringComparer.Ordinal))
        {
            ok &= Check(subject, name, features[name], findings);
        }

        return ok;
    }
}
