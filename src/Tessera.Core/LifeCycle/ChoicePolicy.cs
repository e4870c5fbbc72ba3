using System.Globalization;
using System.Text.Json.Serialization;
using Tessera.Core.Errors;
using Tessera.Core.Portfolio.Allocation;

namespace Tessera.Core.LifeCycle;

/// <summary>The optimizer result a policy chose: its index among the candidates, the optimizer, and why.</summary>
public sealed record OptimizerChoice(int Index, Optimizer Optimizer, string Reason);

/// <summary>
/// Step 8a of the atomic life cycle: how one optimizer's result is chosen. <see cref="MinVolatility"/> takes the
/// lowest in-sample annualized volatility, ties broken by ordinal name, and ignores results whose volatility is not
/// finite (a typed error when none is); <see cref="Prefer"/> takes the result of one optimizer (a typed error when it
/// produced none). Written <c>min_volatility</c> or <c>prefer:NAME</c> in profiles and artifacts, parsed once
/// (<see cref="Parse"/>).
/// </summary>
[JsonConverter(typeof(VocabularyJsonConverter<ChoicePolicy>))]
public sealed class ChoicePolicy : IVocabulary<ChoicePolicy>, IEquatable<ChoicePolicy>
{
    public const string MinVolatilityText = "min_volatility";
    public const string PreferPrefix = "prefer:";

    /// <summary>The rule of the policy's text, as profile errors state it.</summary>
    public const string Rule = "must be 'min_volatility' or 'prefer:<one of the listed optimizers>'";

    private ChoicePolicy(Optimizer? preferred)
    {
        Preferred = preferred;
    }

    public static ChoicePolicy MinVolatility { get; } = new(null);

    public static string Field => "optimization.policy";

    /// <summary>The optimizer a <c>prefer:</c> policy takes; null for <see cref="MinVolatility"/>.</summary>
    public Optimizer? Preferred { get; }

    public static ChoicePolicy Prefer(Optimizer optimizer)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        return new ChoicePolicy(optimizer);
    }

    /// <summary><c>min_volatility</c> or <c>prefer:NAME</c> with NAME an optimizer (exact spelling).</summary>
    public static bool TryParse(string? text, out ChoicePolicy policy)
    {
        if (text == MinVolatilityText)
        {
            policy = MinVolatility;
            return true;
        }

        if (text is not null && text.StartsWith(PreferPrefix, StringComparison.Ordinal) && Optimizer.TryParse(text[PreferPrefix.Length..], out var preferred))
        {
            policy = new ChoicePolicy(preferred);
            return true;
        }

        policy = MinVolatility;
        return false;
    }

    public static ChoicePolicy Parse(string? text, string field) =>
        TryParse(text, out var policy) ? policy : throw new TesseraValidationException(field, text, Rule);

    public OptimizerChoice Choose(IReadOnlyList<Optimizer> optimizers, IReadOnlyList<double> annualizedVolatility)
    {
        ArgumentNullException.ThrowIfNull(optimizers);
        ArgumentNullException.ThrowIfNull(annualizedVolatility);
        if (optimizers.Count == 0)
        {
            throw new TesseraValidationException("optimization.results", "0", "at least one optimizer result is required");
        }

        if (annualizedVolatility.Count != optimizers.Count)
        {
            throw new TesseraValidationException("optimization.results", annualizedVolatility.Count.ToString(CultureInfo.InvariantCulture), $"one volatility per optimizer ({optimizers.Count}) is required");
        }

        if (Preferred is { } preferred)
        {
            for (var i = 0; i < optimizers.Count; i++)
            {
                if (optimizers[i] == preferred)
                {
                    return new OptimizerChoice(i, preferred, $"policy prefers {preferred.Name}");
                }
            }

            throw new TesseraValidationException(Field, ToString(), "the preferred optimizer produced no result");
        }

        var best = -1;
        for (var i = 0; i < optimizers.Count; i++)
        {
            var v = annualizedVolatility[i];
            if (!double.IsFinite(v))
            {
                continue; // a result without a finite volatility cannot win a volatility comparison
            }

            if (best < 0 || v < annualizedVolatility[best]
                || (v == annualizedVolatility[best] && string.CompareOrdinal(optimizers[i].Name, optimizers[best].Name) < 0))
            {
                best = i;
            }
        }

        if (best < 0)
        {
            throw new TesseraValidationException("optimization.results", null, "no optimizer produced a finite volatility");
        }

        return new OptimizerChoice(best, optimizers[best], $"lowest in-sample annualized volatility ({annualizedVolatility[best].ToString("P2", CultureInfo.InvariantCulture)})");
    }

    public override string ToString() => Preferred is null ? MinVolatilityText : PreferPrefix + Preferred.Name;

    public bool Equals(ChoicePolicy? other) => other is not null && other.Preferred == Preferred;

    public override bool Equals(object? obj) => Equals(obj as ChoicePolicy);

    public override int GetHashCode() => Preferred?.GetHashCode() ?? 0;
}
