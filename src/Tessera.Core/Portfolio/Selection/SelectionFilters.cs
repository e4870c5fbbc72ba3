using System.Globalization;

namespace Tessera.Core.Portfolio.Selection;

/// <summary>A veto: keeps or rejects one candidate and says why (numbers included).</summary>
public interface ISelectionFilter
{
    string Name { get; }

    (bool Keep, string Reason) Evaluate(SelectionCandidate candidate);
}

/// <summary>Strict health: enough observed history and not too many missing days (NaN).</summary>
public sealed record HealthFilter(int MinHistory, double MaxMissingFraction) : ISelectionFilter
{
    public string Name => "health";

    public (bool Keep, string Reason) Evaluate(SelectionCandidate candidate)
    {
        var observed = 0;
        foreach (var r in candidate.Returns)
        {
            if (!double.IsNaN(r))
            {
                observed++;
            }
        }

        var missing = candidate.Returns.Length == 0 ? 1.0 : 1.0 - ((double)observed / candidate.Returns.Length);
        if (observed < MinHistory)
        {
            return (false, F($"history {observed} < {MinHistory} observations"));
        }

        return missing > MaxMissingFraction
            ? (false, F($"missing {missing:P1} > {MaxMissingFraction:P1}"))
            : (true, F($"history {observed}, missing {missing:P1}"));
    }

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}

/// <summary>Liquidity floor on average dollar volume.</summary>
public sealed record LiquidityFilter(double MinAverageDollarVolume) : ISelectionFilter
{
    public string Name => "liquidity";

    public (bool Keep, string Reason) Evaluate(SelectionCandidate candidate) =>
        candidate.AverageDollarVolume >= MinAverageDollarVolume
            ? (true, string.Create(CultureInfo.InvariantCulture, $"ADV$ {candidate.AverageDollarVolume:G4} >= {MinAverageDollarVolume:G4}"))
            : (false, string.Create(CultureInfo.InvariantCulture, $"ADV$ {candidate.AverageDollarVolume:G4} < {MinAverageDollarVolume:G4}"));
}

/// <summary>Volatility floor: the daily standard deviation of the observed returns (dead series carry no alpha).</summary>
public sealed record VolatilityFilter(double MinDailyVolatility) : ISelectionFilter
{
    public string Name => "volatility";

    public (bool Keep, string Reason) Evaluate(SelectionCandidate candidate)
    {
        var vol = DailyVolatility(candidate.Returns);
        return vol >= MinDailyVolatility
            ? (true, string.Create(CultureInfo.InvariantCulture, $"vol {vol:G4} >= {MinDailyVolatility:G4}"))
            : (false, string.Create(CultureInfo.InvariantCulture, $"vol {vol:G4} < {MinDailyVolatility:G4}"));
    }

    public static double DailyVolatility(double[] returns)
    {
        double sum = 0, sumSq = 0;
        var n = 0;
        foreach (var r in returns)
        {
            if (!double.IsNaN(r))
            {
                sum += r;
                sumSq += r * r;
                n++;
            }
        }

        if (n < 2)
        {
            return 0;
        }

        var mean = sum / n;
        return Math.Sqrt(Math.Max(0, (sumSq - (n * mean * mean)) / (n - 1)));
    }
}

/// <summary>
/// Predictability veto: permutation entropy (order 3) must not exceed the threshold (close to 1 =
/// noise). In relaxed stages a significant Ljung-Box statistic (serial structure in the
/// autocorrelation spectrum) also admits the candidate.
/// </summary>
public sealed record PredictabilityFilter(double MaxPermutationEntropy, bool AdmitSerialStructure) : ISelectionFilter
{
    public string Name => AdmitSerialStructure ? "predictability(entropy|ljung-box)" : "predictability(entropy)";

    public (bool Keep, string Reason) Evaluate(SelectionCandidate candidate)
    {
        var pe = PermutationEntropy.Compute(candidate.Returns);
        if (pe <= MaxPermutationEntropy)
        {
            return (true, string.Create(CultureInfo.InvariantCulture, $"permutation entropy {pe:F4} <= {MaxPermutationEntropy:F4}"));
        }

        if (AdmitSerialStructure)
        {
            var q = LjungBox.Statistic(candidate.Returns);
            if (q > LjungBox.Critical95)
            {
                return (true, string.Create(CultureInfo.InvariantCulture, $"permutation entropy {pe:F4} > {MaxPermutationEntropy:F4} but Ljung-Box Q(5) {q:F2} > {LjungBox.Critical95:F2}"));
            }

            return (false, string.Create(CultureInfo.InvariantCulture, $"permutation entropy {pe:F4} > {MaxPermutationEntropy:F4} and Ljung-Box Q(5) {q:F2} <= {LjungBox.Critical95:F2}"));
        }

        return (false, string.Create(CultureInfo.InvariantCulture, $"permutation entropy {pe:F4} > {MaxPermutationEntropy:F4}"));
    }
}
