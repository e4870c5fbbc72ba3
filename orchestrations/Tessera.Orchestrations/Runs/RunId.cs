using System.Buffers;
using Tessera.Core.Errors;

namespace Tessera.Orchestrations.Runs;

/// <summary>
/// Run ids name blob prefixes (runs/&lt;run_id&gt;/) and durable instance ids, so they are restricted to
/// [A-Za-z0-9_-], 1..64 characters: no path characters, no dots, nothing that needs escaping.
/// </summary>
public static class RunId
{
    public const int MaxLength = 64;

    private static readonly SearchValues<char> Allowed =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-");

    public static string Validate(string? runId, string field = "run_id")
    {
        if (string.IsNullOrEmpty(runId))
        {
            throw new TesseraValidationException(field, runId, "run id must be non-empty");
        }

        if (runId.Length > MaxLength)
        {
            throw new TesseraValidationException(field, runId, $"run id must be at most {MaxLength} characters");
        }

        if (runId.AsSpan().IndexOfAnyExcept(Allowed) >= 0)
        {
            throw new TesseraValidationException(field, runId, "run id may contain only A-Z, a-z, 0-9, '_' and '-'");
        }

        return runId;
    }

    public static bool IsValid(string? runId) =>
        !string.IsNullOrEmpty(runId) && runId.Length <= MaxLength && runId.AsSpan().IndexOfAnyExcept(Allowed) < 0;

    /// <summary>A new id: UTC timestamp (sortable) + profile + 8 hex chars of the supplied guid.</summary>
    public static string New(DateTime utcNow, string profile, Guid unique)
    {
        var stem = new string(profile.Where(c => Allowed.Contains(c)).Take(20).ToArray());
        return Validate($"{utcNow:yyyyMMdd-HHmmss}-{stem}-{unique.ToString("N")[..8]}");
    }
}
