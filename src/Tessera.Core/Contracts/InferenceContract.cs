using System.Globalization;

namespace Tessera.Core.Contracts;

/// <summary>
/// L2 (selection and inference) contract of the quant-platform seed (002, 11.1): <c>alpha_score</c> in [0, 1] and
/// probabilities in [0, 1], bounds inclusive; NaN is a violation. A failure drops the subject.
/// </summary>
public static class InferenceContract
{
    public const string AlphaScoreField = "alpha_score";

    public static bool CheckAlphaScore(string subject, double score, ContractFindings findings) =>
        InUnitInterval(subject, AlphaScoreField, score, ContractRules.AlphaScoreRange, findings);

    public static bool CheckProbability(string subject, string field, double probability, ContractFindings findings) =>
        InUnitInterval(subject, field, probability, ContractRules.ProbabilityRange, findings);

    private static bool InUnitInterval(string subject, string field, double value, string rule, ContractFindings findings)
    {
        ArgumentNullException.ThrowIfNull(findings);
        if (value is >= 0.0 and <= 1.0)
        {
            return true;
        }

        findings.Add(new ContractViolation(rule, subject, field, value.ToString("R", CultureInfo.InvariantCulture), null, ViolationSeverity.Dropped));
        return false;
    }
}
