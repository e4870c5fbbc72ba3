namespace Tessera.Core.Meta;

/// <summary>
/// What the meta run found for one sleeve after the fan-in: the run id it resolved to (null when the sleeve produced
/// none), the required artifacts that are missing or do not match the sleeve run's manifest, and the length of its
/// return stream (0 when it could not be read).
/// </summary>
public sealed record SleeveFacts(string Sleeve, Side Side, string? RunId, IReadOnlyList<string> MissingArtifacts, int Observations);

/// <summary>One row of the completeness table: the sleeve, its run id, whether it passed and why not.</summary>
public sealed record CompletenessRow(string Sleeve, Side Side, string? RunId, bool Complete, int Observations, string Reason);

/// <summary>The gate's verdict: every row, and the failures (empty when it passed).</summary>
public sealed record CompletenessReport(bool Passed, bool AllowSingleSleeve, IReadOnlyList<CompletenessRow> Rows, IReadOnlyList<string> Failures);

/// <summary>
/// The sleeve completeness gate (docs/META.md): a meta run goes on only when every sleeve has a run id, every
/// required artifact of that run, and a non-empty return stream; a meta of one sleeve only when its profile declares
/// allow_single_sleeve. Each failure names the sleeve and what it lacks.
/// </summary>
public static class SleeveCompletenessGate
{
    public static CompletenessReport Evaluate(IReadOnlyList<SleeveFacts> sleeves, bool allowSingleSleeve)
    {
        ArgumentNullException.ThrowIfNull(sleeves);
        var rows = new List<CompletenessRow>(sleeves.Count);
        var failures = new List<string>();
        foreach (var s in sleeves)
        {
            string reason;
            if (string.IsNullOrEmpty(s.RunId))
            {
                reason = "no run id";
            }
            else if (s.MissingArtifacts.Count > 0)
            {
                reason = "missing required artifact " + string.Join(", ", s.MissingArtifacts) + " in run " + s.RunId;
            }
            else if (s.Observations <= 0)
            {
                reason = "empty return stream in run " + s.RunId;
            }
            else
            {
                rows.Add(new CompletenessRow(s.Sleeve, s.Side, s.RunId, true, s.Observations, "complete"));
                continue;
            }

            rows.Add(new CompletenessRow(s.Sleeve, s.Side, s.RunId, false, s.Observations, reason));
            failures.Add("sleeve " + s.Sleeve + ": " + reason);
        }

        if (sleeves.Count == 0)
        {
            failures.Add("a meta portfolio needs at least one sleeve");
        }
        else if (sleeves.Count == 1 && !allowSingleSleeve)
        {
            failures.Add("sleeve " + sleeves[0].Sleeve + " is the only sleeve: a one-sleeve meta needs allow_single_sleeve: true");
        }

        return new CompletenessReport(failures.Count == 0, allowSingleSleeve, rows, failures);
    }
}
