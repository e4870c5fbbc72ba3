using System.Globalization;
using Tessera.Core.Errors;

namespace Tessera.Core.Regime.Hmm;

/// <summary>Why the policy asks for a fit, or not.</summary>
public enum RefitReason
{
    /// <summary>No model is persisted yet.</summary>
    NoModel,

    /// <summary>The persisted model has another version (another model definition): never reused.</summary>
    VersionChanged,

    /// <summary>The model is at least refit_days old.</summary>
    Stale,

    /// <summary>The persisted fit date lies after today (a clock or a copy went wrong): fit again rather than trust it.</summary>
    FitDateInFuture,

    /// <summary>The model is younger than refit_days: keep it.</summary>
    Current,
}

/// <summary>The policy's answer; <see cref="AgeDays"/> is null without a model.</summary>
public sealed record RefitDecision(bool Refit, RefitReason Reason, int? AgeDays);

/// <summary>
/// When a persisted regime HMM is stale (regime.refit_days, default 7: the weekly refit of the Alpha blueprint's
/// hmm_models/): a model fitted on day F is current on days F .. F + refit_days − 1 and stale from F + refit_days on.
/// Pure: today is passed in.
/// </summary>
public sealed record HmmRefitPolicy
{
    public const int DefaultRefitDays = 7;
    public const int MaxRefitDays = 366;

    public HmmRefitPolicy(int refitDays = DefaultRefitDays)
    {
        if (refitDays is < 1 or > MaxRefitDays)
        {
            throw new TesseraValidationException("regime.refit_days", refitDays.ToString(CultureInfo.InvariantCulture), $"must be 1..{MaxRefitDays} days");
        }

        RefitDays = refitDays;
    }

    public int RefitDays { get; }

    public RefitDecision Decide(HmmModelRecord? current, DateOnly today)
    {
        if (current is null)
        {
            return new RefitDecision(true, RefitReason.NoModel, null);
        }

        var age = today.DayNumber - current.FitDate.DayNumber;
        if (!string.Equals(current.Version, HmmModelRecord.CurrentVersion, StringComparison.Ordinal))
        {
            return new RefitDecision(true, RefitReason.VersionChanged, age);
        }

        if (age < 0)
        {
            return new RefitDecision(true, RefitReason.FitDateInFuture, age);
        }

        return age >= RefitDays ? new RefitDecision(true, RefitReason.Stale, age) : new RefitDecision(false, RefitReason.Current, age);
    }
}
