using System.Globalization;
using Tessera.Orchestrations.Artifacts;

namespace Tessera.Orchestrations.LifeCycle.Report;

/// <summary>
/// Everything the forensic report shows, gathered by the report activity: the step outputs' figures (<see cref="Run"/>)
/// and what the artifacts hold (the L0 gate's dropped assets, selection, regime, every optimizer's result in fan-out
/// order, the flattened weights, the validation) plus the list of artifacts with their hashes.
/// </summary>
public sealed record LifeCycleReportModel(
    ReportInput Run,
    IReadOnlyList<string> DroppedAssets,
    SelectionArtifact Selection,
    RegimeArtifact Regime,
    IReadOnlyList<OptimizerArtifact> Optimizers,
    WeightsArtifact Weights,
    ValidationArtifact Validation,
    IReadOnlyList<ArtifactRecord> Artifacts);

/// <summary>Renders the self-contained HTML report of one atomic run (inline CSS and SVG, no external resources, no scripts).</summary>
public static class LifeCycleReportRenderer
{
    private const string Style =
        "body{font-family:system-ui,sans-serif;margin:2em;max-width:1100px;color:#222}" +
        "table{border-collapse:collapse;margin:0.5em 0 1.5em}td,th{border:1px solid #ccc;padding:3px 8px;font-size:13px;text-align:left}" +
        "th{background:#f3f3f3}td.n{text-align:right;font-variant-numeric:tabular-nums}h2{border-bottom:2px solid #ddd;padding-bottom:4px}" +
        ".meta{color:#555;font-size:13px}.mono{font-family:monospace;font-size:12px}.scroll{overflow-x:auto;max-width:100%}";

    public static string Render(LifeCycleReportModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var run = model.Run;
        var h = new HtmlWriter();
        h.Raw("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Tessera run ").Text(run.RunId).Raw("</title><style>").Raw(Style).Raw("</style></head><body>");
        h.Element("h1", "Tessera atomic life cycle: " + run.RunId);
        h.Raw("<p class=\"meta\">").Text($"profile {run.Profile.Name} ({run.Profile.Description}); started {run.StartedAtUtc:yyyy-MM-dd HH:mm:ss} UTC; data fingerprint ").Raw("<span class=\"mono\">").Text(run.Foundation.DataFingerprint).Raw("</span></p>");

        h.Element("h2", "Portfolio");
        h.Raw("<p>").Text($"Chosen optimizer: {run.Choice.Chosen} ({run.Choice.Reason}). Gross exposure {HtmlWriter.Pct(model.Weights.GrossExposure)}, net {HtmlWriter.Pct(model.Weights.NetExposure)}; regime: {run.Regime.Quadrant}.").Raw("</p>");
        h.Raw(WeightsChart.Svg(model.Weights.Weights));
        h.Table(
            ["symbol", "sector", "weight", "long", "short", "risk contribution", "capped"],
            model.Weights.Weights.Select(w => (IReadOnlyList<string>)[w.Symbol, w.Sector, HtmlWriter.Pct(w.Weight), HtmlWriter.Pct(w.LongWeight), HtmlWriter.Pct(w.ShortWeight), HtmlWriter.Pct(w.RiskContribution), w.Capped ? "yes" : "no"]));

        h.Element("h2", "1. Foundation gate (L0)");
        h.Raw("<p>").Text($"{run.Foundation.Assets} assets x {run.Foundation.Observations} daily returns passed; {model.DroppedAssets.Count} assets dropped by the L0 gate (toxic |r| > 5, density > 10% gaps, too short); {run.Foundation.ReturnWarnings} warnings (e.g. 1 < |r| <= 5). Details in market/l0_report.json.").Raw("</p>");
        if (model.DroppedAssets.Count > 0)
        {
            h.Table(["dropped asset"], model.DroppedAssets.Select(d => (IReadOnlyList<string>)[d]));
        }

        h.Element("h2", "2-4. Recruitment, selection, enrichment");
        h.Raw("<p>").Text($"{run.Recruitment.Count} candidates recruited; rule {model.Selection.Rule}, top {model.Selection.TopN}; HTR stage needed: {model.Selection.StageUsed} ({model.Selection.Reason}); {run.Selection.Selected} atoms selected. The full audit trail ({model.Selection.AuditTrail.Count} decisions) is in selection/selection.json.").Raw("</p>");
        h.Table(
            ["HTR stage", "survivors", "clusters", "satisfied"],
            model.Selection.Stages.Select(st => (IReadOnlyList<string>)[st.Stage, st.Survivors.ToString(CultureInfo.InvariantCulture), st.Clusters.ToString(CultureInfo.InvariantCulture), st.Satisfied ? "yes" : "no"]));
        h.Table(
            ["atom", "rank-sum score", "cluster", "rank", "selected", "reason"],
            model.Selection.Decisions.Select(d => (IReadOnlyList<string>)[d.Atom, HtmlWriter.Num(d.Score), d.Cluster.ToString(CultureInfo.InvariantCulture), d.Rank.ToString(CultureInfo.InvariantCulture), d.Selected ? "yes" : "no", d.Reason]));

        h.Element("h2", "5-6. Synthesis and regime");
        h.Raw("<p>").Text($"{run.Synthesis.Atoms} atoms (asset, logic, direction) with logics {string.Join(", ", run.Profile.Synthesis.Logics)}; synthetic streams (LONG r, SHORT -clip(r, 1); strategy atoms earn only while in position, filled at the next open) over {run.Synthesis.Observations} days; {run.Synthesis.DroppedAtomCount} atoms dropped for never holding a position. " +
            $"Regime of the {model.Regime.Series}: {model.Regime.Quadrant} (level {model.Regime.Level}, trend {model.Regime.Trend}); " +
            $"realized vol {HtmlWriter.Pct(model.Regime.ShortVolatility)} ({model.Regime.ShortWindow}d) vs {HtmlWriter.Pct(model.Regime.LongVolatility)} ({model.Regime.LongWindow}d), previous window {HtmlWriter.Pct(model.Regime.PreviousShortVolatility)}.").Raw("</p>");

        h.Element("h2", "7. Optimization (parallel fan-out)");
        h.Table(
            ["optimizer", "annualized vol (in-sample)", "max weight", "diagnostics"],
            model.Optimizers.Select(o => (IReadOnlyList<string>)[o.Optimizer.Name, HtmlWriter.Pct(o.AnnualizedVolatility), HtmlWriter.Pct(o.Weights.Max()), string.Join("; ", o.Diagnostics)]));
        var headers = new List<string> { "atom" };
        foreach (var o in model.Optimizers)
        {
            headers.Add(o.Optimizer + " weight");
            headers.Add(o.Optimizer + " risk contribution");
        }

        var atoms = model.Optimizers[0].Atoms;
        h.Table(headers, atoms.Select((atom, i) =>
        {
            var row = new List<string> { atom };
            foreach (var o in model.Optimizers)
            {
                row.Add(HtmlWriter.Pct(o.Weights[i]));
                row.Add(HtmlWriter.Pct(o.RiskContributions[i]));
            }

            return (IReadOnlyList<string>)row;
        }));

        h.Element("h2", "8. Policy and flattening");
        h.Raw("<p>").Text($"Policy {run.Profile.Optimization.Policy}: chose {run.Choice.Chosen} ({run.Choice.Reason}); atom weights netted to {model.Weights.Weights.Count} asset weights.").Raw("</p>");

        var v = model.Validation;
        h.Element("h2", "8b. Out-of-sample validation (walk-forward of the chosen optimizer)");
        h.Raw("<p>").Text($"{v.Optimizer}, {v.Mode} walk-forward, fit on {v.TrainDays} days, weights held for {v.TestDays} days; {v.Splits.Count} splits. " +
            $"Out-of-sample: total return {HtmlWriter.Pct(v.TotalReturn)}, CAGR {HtmlWriter.Pct(v.Cagr)}, volatility {HtmlWriter.Pct(v.Volatility)}, Sharpe {HtmlWriter.Num(v.Sharpe)}, " +
            $"probabilistic Sharpe (vs 0) {HtmlWriter.Pct(v.ProbabilisticSharpe)}, max drawdown {HtmlWriter.Pct(v.MaxDrawdown)}, profitable splits {HtmlWriter.Pct(v.ShareOfProfitableSplits)}, " +
            $"split Sharpe mean {HtmlWriter.Num(v.MeanSplitSharpe)} (sd {HtmlWriter.Num(v.SplitSharpeStdDev)}). Caveat: {v.Caveat}.").Raw("</p>");
        h.Table(
            ["split", "train", "test", "test return", "test Sharpe", "test max drawdown"],
            v.Splits.Select(s => (IReadOnlyList<string>)[s.Index.ToString(CultureInfo.InvariantCulture), $"{s.TrainStart}..{s.TrainEnd - 1}", $"{s.TestStart}..{s.TestEnd - 1}", HtmlWriter.Pct(s.TestReturn), HtmlWriter.Num(s.TestSharpe), HtmlWriter.Pct(s.TestMaxDrawdown)]));

        h.Element("h2", "9. Artifacts (SHA-256)");
        h.Table(["path", "bytes", "sha256"], model.Artifacts.Select(a => (IReadOnlyList<string>)[a.Path, a.Length.ToString(CultureInfo.InvariantCulture), a.Sha256]));
        h.Raw("<p class=\"meta\">The run manifest (manifest.json) lists these hashes and the hash of this report.</p>");
        h.Raw("</body></html>");
        return h.ToString();
    }
}
