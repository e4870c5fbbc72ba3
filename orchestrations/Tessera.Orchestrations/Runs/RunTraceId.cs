using System.Security.Cryptography;
using System.Text;

namespace Tessera.Orchestrations.Runs;

/// <summary>
/// A run's trace id in the W3C Trace Context format (32 lowercase hex digits, not all zero), derived
/// deterministically from the run id: the first 16 bytes of SHA-256("tessera-run/" + run_id). Deterministic so a
/// re-executed activity writes the same audit.jsonl and every record of a run (its audit trail, its governance
/// transitions) carries one id without anything being stored first. When OpenTelemetry is wired (a later issue), the
/// run's root span takes this id, so traces and audit records join on it.
/// </summary>
public static class RunTraceId
{
    public static string Of(string runId)
    {
        RunId.Validate(runId);
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes("tessera-run/" + runId), hash);
        if (hash[..16].IndexOfAnyExcept((byte)0) < 0)
        {
            hash[15] = 1; // W3C forbids the all-zero id; SHA-256 will not produce it, but the format is guaranteed here
        }

        return Convert.ToHexStringLower(hash[..16]);
    }

    /// <summary>Whether a text is a valid W3C trace id (32 lowercase hex digits, not all zero).</summary>
    public static bool IsValid(string? traceId) =>
        traceId is { Length: 32 } && traceId.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f') && traceId.Any(c => c != '0');
}
