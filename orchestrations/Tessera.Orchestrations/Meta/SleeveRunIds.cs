using Tessera.Core.Determinism;
using Tessera.Orchestrations.Runs;

namespace Tessera.Orchestrations.Meta;

/// <summary>
/// The run id of a sleeve the meta runs now: "&lt;meta run id&gt;-&lt;sleeve&gt;" (a valid run id: sleeve names are
/// [a-z0-9_]), or, when that exceeds 64 characters, a prefix of the meta run id, the sleeve name's first 20 characters
/// and 10 hex digits of SHA-256(meta run id / sleeve). A function of the two names only, so replay and a second
/// worker compute the same id, and distinct sleeves of distinct metas never share one.
/// </summary>
public static class SleeveRunIds
{
    public static string Of(string metaRunId, string sleeve)
    {
        ArgumentNullException.ThrowIfNull(metaRunId);
        ArgumentNullException.ThrowIfNull(sleeve);
        var plain = metaRunId + "-" + sleeve;
        if (plain.Length <= RunId.MaxLength)
        {
            return RunId.Validate(plain);
        }

        var hash = Sha256Hex.Of(metaRunId + "/" + sleeve)[..10];
        var name = sleeve.Length > 20 ? sleeve[..20] : sleeve;
        var prefix = metaRunId[..Math.Min(metaRunId.Length, RunId.MaxLength - name.Length - hash.Length - 2)];
        return RunId.Validate(prefix + "-" + name + "-" + hash);
    }
}
