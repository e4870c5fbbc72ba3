using System.Globalization;
using Tessera.Core.Errors;

namespace Tessera.Core.Streaming;

/// <summary>
/// SOP-01's recovery numbers: order submission is re-enabled only after <see cref="CleanReception"/> (60 s) of clean
/// reception, and queued signals older than <see cref="MaxSignalAge"/> (30 s) are flushed, not sent.
/// </summary>
public sealed record SafetyModeSettings
{
    public SafetyModeSettings(TimeSpan cleanReception, TimeSpan maxSignalAge)
    {
        if (cleanReception < TimeSpan.Zero)
        {
            throw new TesseraValidationException("clean_reception", cleanReception.TotalSeconds.ToString(CultureInfo.InvariantCulture), "must be >= 0 s");
        }

        if (maxSignalAge <= TimeSpan.Zero)
        {
            throw new TesseraValidationException("max_signal_age", maxSignalAge.TotalSeconds.ToString(CultureInfo.InvariantCulture), "must be > 0 s");
        }

        CleanReception = cleanReception;
        MaxSignalAge = maxSignalAge;
    }

    public static SafetyModeSettings Default { get; } = new(TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(30));

    public TimeSpan CleanReception { get; }

    public TimeSpan MaxSignalAge { get; }
}
