using System.Globalization;
using System.Text;
using Tessera.Core;
using Tessera.Core.Meta;
using Tessera.Core.Reports;

namespace Tessera.Orchestrations.Meta;

/// <summary>What the meta report renders; a null required part makes rendering fail (<see cref="MetaReportIncompleteException"/>).</summary>
public sealed record MetaReportModel(
    string RunId,
    string Meta,
    DateTime StartedAtUtc,
    string TraceId,
    IReadOnlyList<ResolvedSleeve>? Sleeves,
    CompletenessArtifact? Completeness,
    SignTestReport? SignTestPre,
    SignTestReport? SignTestPost,
    MetaReturnsArtifact? Aggregation,
    MetaOptimizationArtifact? Optimization,
    MetaWeightsArtifact? Weights,
    IReadOnlyList<string> ArtifactPaths,
    string? SleeveStream);

/// <summary>A required section of the meta report has nothing to show: the report is refused, naming the section.</summary>
public sealed class MetaReportIncompleteException(string section)
    : InvalidOperationException($"meta report: required section '{section}' is missing")
{
    public string Section { get; } = section;
}

/// <summary>
/// The meta report, as Markdown (report.md) and self-contained HTML (report.html) from one list of sections. The
/// required sections (<see cref="RequiredSections"/>) are checked twice: each must have its data, and each must appear
/// as a heading in the rendered Markdown; either failure throws, so a meta run never ends with a partial report.
/// </summary>
public static class MetaReportRenderer
{
    public const string ResolvedSleeves = "Resolved sleeves";
    public const string Completeness = "Sleeve completeness";
    public const string SignTest = "Directional sign test";
    public const string HedgeRatio = "Hedge ratio";
    public const string Trace = "Forensic trace";

    public static IReadOnlyList<string> RequiredSections { get; } = [ResolvedSleeves, Completeness, SignTest, HedgeRatio, Trace];

    private sealed record Section(string Title, IReadOnlyList<string> Paragraphs, IReadOnlyList<string>? Headers, IReadOnlyList<IReadOnlyList<string>>? Rows);

    public static (string Markdown, string Html) Render(MetaReportModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var sections = Sections(model);
        var markdown = Markdown(model, sections);
        foreach (var required in RequiredSections)
        {
            if (!markdown.Contains("\n## " + required + "\n", StringComparison.Ordinal))
            {
                throw new MetaReportIncompleteException(required);
            }
        }

        return (markdown, Html(model, sections));
    }

    private static List<Section> Sections(MetaReportModel m)
    {
        var sleeves = m.Sleeves is { Count: > 0 } s ? s : throw new MetaReportIncompleteException(ResolvedSleeves);
        var stream = string.IsNullOrEmpty(m.SleeveStream) ? throw new MetaReportIncompleteException(ResolvedSleeves) : m.SleeveStream;
        var completeness = m.Completeness ?? throw new MetaReportIncompleteException(Completeness);
        var pre = m.SignTestPre ?? throw new MetaReportIncompleteException(SignTest);
        var post = m.SignTestPost ?? throw new MetaReportIncompleteException(SignTest);
        var optimization = m.Optimization ?? throw new MetaReportIncompleteException(HedgeRatio);
        if (string.IsNullOrEmpty(m.TraceId))
        {
            throw new MetaReportIncompleteException(Trace);
        }

        var list = new List<Section>
        {
            new(ResolvedSleeves, [$"{sleeves.Count} sleeves; each ran as its own life cycle (sub-orchestration) or was pinned to a completed run.", StreamLine(stream)],
                ["sleeve", "side", "source", "reference", "run id", "cap"],
                [.. sleeves.Select(x => (IReadOnlyList<string>)[x.Sleeve, x.Side.ToText(), Source(x.Source), x.Reference, x.RunId ?? "-", Num(x.Cap)])]),
            new(Completeness, [completeness.Passed ? "Passed: every sleeve has a run id, every required artifact and a non-empty return stream." : "FAILED: " + string.Join("; ", completeness.Failures),
                    "Required artifacts (atomic): " + string.Join(", ", completeness.RequiredAtomicArtifacts) + ". (meta): " + string.Join(", ", completeness.RequiredMetaArtifacts) + "."],
                ["sleeve", "side", "run id", "complete", "observations", "reason"],
                [.. completeness.Rows.Select(r => (IReadOnlyList<string>)[r.Sleeve, r.Side.ToText(), r.RunId ?? "-", r.Complete ? "yes" : "NO", r.Observations.ToString(CultureInfo.InvariantCulture), r.Reason])]),
            new(SignTest, [
                    "Every SHORT sleeve must be net short and its return stream must move against the assets it holds (correlation with its held-asset basket < 0) before ensembling; after optimization its meta weight must be >= 0 and its contributed exposure short.",
                    $"Before optimization: {(pre.Passed ? "passed" : "FAILED")} ({pre.Rows.Count} short sleeves). After optimization: {(post.Passed ? "passed" : "FAILED")}."],
                ["sleeve", "net exposure", "basket correlation", "meta weight", "contributed exposure", "pre", "post"],
                [.. pre.Rows.Select(r =>
                {
                    var after = post.Rows.FirstOrDefault(p => p.Sleeve == r.Sleeve);
                    return (IReadOnlyList<string>)[r.Sleeve, Num(r.NetExposure), Num(r.BasketCorrelation), after?.MetaWeight is { } w ? Num(w) : "-", after?.ContributedExposure is { } c ? Num(c) : "-", r.Reason, after?.Reason ?? "-"];
                })]),
            new("Meta optimization", [$"Optimizer {optimization.Optimizer}; annualized in-sample volatility {Pct(optimization.AnnualizedVolatility)}.", .. optimization.Diagnostics.Take(5)],
                ["sleeve", "side", "cap", "weight", "risk contribution"],
                [.. optimization.Sleeves.Select((x, i) => (IReadOnlyList<string>)[x, optimization.Sides[i].ToText(), Num(optimization.Caps[i]), Pct(optimization.Weights[i]), Pct(optimization.RiskContributions[i])])]),
            new(HedgeRatio, [
                    optimization.HedgeRatio is { } h ? $"Hedge ratio {h.ToString("0.0000", CultureInfo.InvariantCulture)}: {optimization.HedgeRatioDefinition}." : "No hedge ratio: the meta has no long leg or no short leg (" + optimization.HedgeRatioDefinition + ").",
                    $"Long leg meta weight {Pct(optimization.LongLegWeight)}, short leg meta weight {Pct(optimization.ShortLegWeight)}."], null, null),
        };
        if (m.Aggregation is { } a)
        {
            list.Add(new Section("Calendar-safe aggregation", [$"Inner join on dates: {a.Timestamps.Length} dates shared by every sleeve; nothing padded."],
                ["sleeve", "dates dropped"], [.. a.Dropped.Select(d => (IReadOnlyList<string>)[d.Sleeve, d.Count.ToString(CultureInfo.InvariantCulture)])]));
        }

        if (m.Weights is { } w)
        {
            list.Add(new Section("Asset weights", [$"{w.Weights.Count} assets after flattening; gross {Pct(w.GrossExposure)}, net {Pct(w.NetExposure)}, cap {Pct(w.MaxAssetWeight)} re-applied after netting ({Pct(w.CappedAway)} left in cash)."],
                ["symbol", "sector", "weight", "long", "short", "capped"],
                [.. w.Weights.Select(x => (IReadOnlyList<string>)[x.Symbol, x.Sector, Pct(x.Weight), Pct(x.LongWeight), Pct(x.ShortWeight), x.Capped ? "yes" : ""])]));
        }

        list.Add(new Section(Trace, [$"trace_id {m.TraceId}: every line of audit.jsonl carries it; manifest.json lists the SHA-256 of every artifact below.", "Artifacts: " + string.Join(", ", m.ArtifactPaths) + "."], null, null));
        return list;
    }

    /// <summary>Which return stream of the sleeves the meta ensembled, said in words.</summary>
    private static string StreamLine(string stream) => stream == OutOfSampleStream.Kind
        ? $"Sleeve return streams: {stream}, each sleeve's walk-forward out-of-sample returns (the test windows of its validation/walk_forward.json, weights fitted on the preceding train window only), never its in-sample backtest."
        : $"Sleeve return streams: {stream}.";

    private static string Markdown(MetaReportModel m, List<Section> sections)
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"# Meta portfolio {m.Meta}: run {m.RunId}\n\nStarted {m.StartedAtUtc:yyyy-MM-dd HH:mm:ss} UTC.\n");
        foreach (var s in sections)
        {
            sb.Append("\n## ").Append(s.Title).Append('\n');
            foreach (var p in s.Paragraphs)
            {
                sb.Append('\n').Append(p).Append('\n');
            }

            if (s.Headers is not null && s.Rows is not null)
            {
                sb.Append("\n| ").Append(string.Join(" | ", s.Headers.Select(Cell))).Append(" |\n|");
                foreach (var _ in s.Headers)
                {
                    sb.Append("---|");
                }

                sb.Append('\n');
                foreach (var row in s.Rows)
                {
                    sb.Append("| ").Append(string.Join(" | ", row.Select(Cell))).Append(" |\n");
                }
            }
        }

        return sb.ToString();
    }

    private static string Html(MetaReportModel m, List<Section> sections)
    {
        var sb = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>");
        sb.Append(Tessera.Core.Reports.Html.Escape($"Meta {m.Meta}: run {m.RunId}")).Append("</title><style>body{font-family:system-ui,sans-serif;margin:2rem;max-width:72rem}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.2rem .5rem}</style></head><body>");
        sb.Append("<h1>").Append(Tessera.Core.Reports.Html.Escape($"Meta portfolio {m.Meta}: run {m.RunId}")).Append("</h1>");
        foreach (var s in sections)
        {
            sb.Append("<section><h2>").Append(Tessera.Core.Reports.Html.Escape(s.Title)).Append("</h2>");
            foreach (var p in s.Paragraphs)
            {
                sb.Append("<p>").Append(Tessera.Core.Reports.Html.Escape(p)).Append("</p>");
            }

            if (s.Headers is not null && s.Rows is not null)
            {
                sb.Append("<table><thead><tr>");
                foreach (var h in s.Headers)
                {
                    sb.Append("<th>").Append(Tessera.Core.Reports.Html.Escape(h)).Append("</th>");
                }

                sb.Append("</tr></thead><tbody>");
                foreach (var row in s.Rows)
                {
                    sb.Append("<tr>");
                    foreach (var cell in row)
                    {
                        sb.Append("<td>").Append(Tessera.Core.Reports.Html.Escape(cell)).Append("</td>");
                    }

                    sb.Append("</tr>");
                }

                sb.Append("</tbody></table>");
            }

            sb.Append("</section>");
        }

        return sb.Append("</body></html>\n").ToString();
    }

    private static string Source(SleeveSource s) => s switch
    {
        SleeveSource.Profile => "profile",
        SleeveSource.Meta => "meta",
        _ => "pinned run",
    };

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);

    private static string Num(double v) => v.ToString("0.0000", CultureInfo.InvariantCulture);

    private static string Pct(double v) => v.ToString("0.00%", CultureInfo.InvariantCulture);
}
