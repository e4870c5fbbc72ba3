using System.Buffers;
using Tessera.Core.Errors;

namespace Tessera.Orchestrations.Runs;

/// <summary>
/// The one parsing point of run ids. A run id is used verbatim as the durable instance id, the partition key of the
/// task hub's history and instance tables, the row key of the run-protection table and the blob prefix
/// runs/&lt;run_id&gt;/ — all case-sensitive in Azure Storage. So the case rule is decided here, once: run ids are
/// lowercase, [a-z0-9_-], 1..64 characters. An id with an upper-case letter is rejected (never silently lowercased):
/// <c>RUN-1</c> is a 400 / exit 2 naming the rule, so no two spellings can ever name one run or two runs, and an id
/// a caller holds is byte for byte the id in every store.
/// </summary>
public static class RunId
{
    public const int MaxLength = 64;

    private static readonly SearchValues<char> Allowed =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyz0123456789_-");

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
            // The lowercase hint only when lowercasing is the whole fix: never suggest an id that is still invalid.
            throw new TesseraValidationException(field, runId, runId.AsSpan().IndexOfAnyInRange('A', 'Z') >= 0 && IsValid(runId.ToLowerInvariant())
                ? "run ids are lowercase (instance ids, table keys and blob paths are case-sensitive): use '" + runId.ToLowerInvariant() + "'"
                : "run id may contain only a-z, 0-9, '_' and '-'");
        }

        return runId;
    }

    public static bool IsValid(string? runId) =>
        !string.IsNullOrEmpty(runId) && runId.Length <= MaxLength && runId.AsSpan().IndexOfAnyExcept(Allowed) < 0;

    /// <summary>A new id: UTC timestamp (sortable) + profile + 8 hex chars of the supplied guid.</summary>
    public static string New(DateTime utcNow, string profile, Guid unique)
    {
        var stem = new string(profile.ToLowerInvariant().Where(c => Allowed.Contains(c)).Take(20).ToArray());
        return Validate($"{utcNow:yyyyMMdd-HHmmss}-{stem}-{unique.ToString("N")[..8]}");
    }
}
