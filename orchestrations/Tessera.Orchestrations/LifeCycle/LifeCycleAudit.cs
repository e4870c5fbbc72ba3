using System.Globalization;
using Tessera.Core.Governance;
using Tessera.Orchestrations.Artifacts;
using Tessera.Orchestrations.Runs;

namespace Tessera.Orchestrations.LifeCycle;

/// <summary>
/// The production decisions of one atomic life cycle, in step order, for its audit.jsonl: the L0 gate, the universe,
/// the contract verdicts (profiles with contracts), the selection gate, the regime, the estimator, the constraints,
/// the chosen optimizer, and the evidence links the promotion gate reads (the walk-forward out-of-sample report and
/// the coverage artifact). Built from the artifacts the report step already read; writes nothing itself.
/// </summary>
public static class LifeCycleAudit
{
    public const string CoveragePath = "coverage/coverage.json";

    /// <summary>The coverage of the assets the run holds (non-zero weight), from the run's market frame.</summary>
    public static CoverageArtifact Coverage(ReportInput input, MarketArtifact market, WeightsArtifact weights)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(market);
        ArgumentNullException.ThrowIfNull(weights);
        var held = new List<string>(weights.Weights.Count);
        foreach (var w in weights.Weights)
        {
            if (w.Weight != 0 || w.LongWeight != 0 || w.ShortWeight != 0)
            {
                held.Add(w.Symbol);
            }
        }

        return CoverageCheck.Of(input.RunId, input.Profile.Name, market.Timestamps, market.Symbols, market.Returns, held);
    }

    public static AuditTrail Trail(
        ReportInput input,
        FoundationReportArtifact foundation,
        SelectionArtifact selection,
        IReadOnlyList<(ArtifactRecord Record, ContractReportArtifact Report)> contracts,
        CoverageArtifact coverage,
        ArtifactRecord coverageRecord)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(foundation);
        ArgumentNullException.ThrowIfNull(selection);
        ArgumentNullException.ThrowIfNull(contracts);
        ArgumentNullException.ThrowIfNull(coverage);
        var trail = new AuditTrail(input.RunId);
        var profile = input.Profile;
        trail.Add(new AuditRecord(
            "foundation", AuditKinds.Gate, "l0", AuditKinds.Passed,
            Inv($"{foundation.AssetsIn} assets in, {foundation.AssetsOut} out ({foundation.DroppedAssets.Count} dropped), {foundation.UnionCalendarDays}-day calendar, {foundation.Violations.Count} violation(s) recorded"),
            input.Foundation.Report));
        trail.Add(new AuditRecord(
            "foundation", AuditKinds.Choice, "universe", AuditKinds.Chosen,
            foundation.LakehouseSnapshot is { } snapshot
                ? Inv($"lakehouse snapshot v{snapshot.Version} ({snapshot.ManifestSha256}), {input.Foundation.Assets} assets x {input.Foundation.Observations} days, data {input.Foundation.DataFingerprint}")
                : Inv($"{foundation.Source.Name} market seed {foundation.Seed}, {input.Foundation.Assets} assets x {input.Foundation.Observations} days, data {input.Foundation.DataFingerprint}"),
            input.Foundation.Market));
        foreach (var (record, report) in contracts)
        {
            trail.Add(new AuditRecord(
                "contracts", AuditKinds.Contract, report.Layer, report.Violations.Count == 0 ? AuditKinds.Passed : AuditKinds.Failed,
                Inv($"{report.Rule} ({report.Mode.ToString().ToLowerInvariant()}): {report.Checked} checked, {report.Dropped} dropped, {report.Violations.Count} violation(s)"),
                record));
        }

        trail.Add(new AuditRecord(
            "selection", AuditKinds.Gate, "selection", selection.Satisfied ? AuditKinds.Passed : AuditKinds.Failed,
            Inv($"{selection.Rule}: stage {selection.StageUsed}, {input.Selection.Selected} of {input.Selection.Considered} atoms selected (top {selection.TopN}); {selection.Reason}"),
            input.Selection.Selection));
        trail.Add(new AuditRecord("regime", AuditKinds.Choice, "regime", AuditKinds.Chosen, input.Regime.Quadrant, input.Regime.Regime));
        trail.Add(new AuditRecord("optimize", AuditKinds.Choice, "estimator", AuditKinds.Chosen, profile.Optimization.EstimatorName));
        trail.Add(new AuditRecord("optimize", AuditKinds.Choice, "constraints", AuditKinds.Chosen, Constraints(profile)));
        trail.Add(new AuditRecord(
            "choose", AuditKinds.Choice, "optimizer", AuditKinds.Chosen,
            Inv($"{input.Choice.Chosen.Name} of {input.Optimizers.Count} ({string.Join(", ", input.Optimizers.Select(o => o.Optimizer.Name))}) by {profile.Optimization.Policy}: {input.Choice.Reason}"),
            input.Choice.Choice));
        trail.Add(new AuditRecord(
            "validate", AuditKinds.Evidence, AuditKinds.WalkForward, AuditKinds.Linked,
            Inv($"{input.Validation.Splits} out-of-sample splits, Sharpe {input.Validation.Sharpe:0.####}, max drawdown {input.Validation.MaxDrawdown:0.####}"),
            input.Validation.Validation));
        trail.Add(new AuditRecord(
            "report", AuditKinds.Evidence, AuditKinds.Coverage, coverage.IsComplete ? AuditKinds.Passed : AuditKinds.Failed,
            Inv($"{coverage.Attempts[^1].Fetched} of {coverage.Attempts[^1].Fetched + coverage.Attempts[^1].Failed} held assets fresh and complete") + (coverage.FailedSymbols.Count == 0 ? string.Empty : "; failed: " + string.Join(",", coverage.FailedSymbols)),
            coverageRecord));
        return trail;
    }

    private static string Constraints(Profiles.SleeveProfile profile)
    {
        var parts = new List<string> { Inv($"max_weight {profile.Optimization.MaxWeight}") };
        if (profile.Optimization.Constraints is { } c)
        {
            if (c.BetaBand is { } beta)
            {
                parts.Add(Inv($"beta_band {beta}"));
            }

            if (c.SectorCap is { } sector)
            {
                parts.Add(Inv($"sector_cap {sector}"));
            }

            if (c.AdvFraction is { } adv)
            {
                parts.Add(Inv($"adv_fraction {adv} at capital {c.Capital}"));
            }
        }

        return string.Join("; ", parts);
    }

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
