using System.CommandLine;
using System.Globalization;
using System.Text;
using Spectre.Console;
using Tessera.Core.Data.Synthetic;
using Tessera.Core.Errors;
using Tessera.Core.Portfolio;
using Tessera.Core.Portfolio.Allocation;
using Tessera.Core.Portfolio.Estimators;
using Tessera.Core.Portfolio.Selection;
using Tessera.Orchestrations.Profiles;

namespace Tessera.Local.Cli;

/// <summary>
/// <c>tessera cov --returns FILE.csv [--estimator sample|lw|ewma] --out FILE.csv</c>,
/// <c>tessera allocate --returns FILE.csv --method ew|ivol|minvar|maxsharpe|erc|hrp|herc [--estimator ...] [--max-weight x]
/// [--beta-band x] [--sectors FILE.csv --sector-cap x] [--adv FILE.csv --capital X [--adv-fraction 0.01]] --out weights.csv</c>
/// and <c>tessera select --profile NAME</c> (synthetic-universe profiles; prints the HTR audit trail of each stage).
/// Returns CSV = a date column plus one column per asset. Thin host over Tessera.Core.Portfolio.
/// </summary>
public static class PortfolioCommands
{
    public static Command BuildCov(CliContext context)
    {
        var returns = ReturnsOption();
        var estimator = EstimatorOption();
        var output = new Option<string>("--out") { Description = "Output CSV: labelled square covariance matrix", Required = true };
        var command = new Command("cov", "Estimate a covariance matrix from a returns CSV");
        command.Options.Add(returns);
        command.Options.Add(estimator);
        command.Options.Add(output);
        command.SetGuardedAction(context, async (parse, ct) =>
        {
            var table = Read(parse.GetValue(returns));
            var chosen = CovarianceEstimators.ByName(parse.GetValue(estimator) ?? "sample");
            PortfolioInputValidation.RequireReturns(table.AssetIds, table.Columns, chosen.RequiresMoreRowsThanAssets);
            var cov = chosen.Estimate(table.Columns);
            var path = parse.GetValue(output)!;
            await File.WriteAllTextAsync(path, ReturnsCsv.WriteMatrix(table.AssetIds, cov), new UTF8Encoding(false), ct).ConfigureAwait(false);
            var report = CovarianceConditioning.Prepare(cov);
            var summary = new Table().AddColumns("estimator", "assets", "rows", "condition number", "file");
            summary.AddRow(TerminalText.Escape(chosen.Name), Int(table.AssetIds.Count), Int(table.Dates.Count), report.ConditionBefore.ToString("G6", CultureInfo.InvariantCulture), TerminalText.Escape(path));
            context.Console.Write(summary);
            if (report.ConditionBefore >= CovarianceConditioning.MaxConditionNumber)
            {
                context.Console.MarkupLine("[yellow]warning: condition number >= 5000; the allocators add a ridge (see docs/ALLOCATION.md)[/]");
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    public static Command BuildAllocate(CliContext context)
    {
        var returns = ReturnsOption();
        var method = new Option<string>("--method") { Description = "Engine: " + string.Join("|", Optimizer.EngineNames), Required = true };
        var estimator = EstimatorOption();
        var maxWeight = new Option<double?>("--max-weight") { Description = "Upper bound on every weight" };
        var betaBand = new Option<double?>("--beta-band") { Description = "Market-neutral band |w' beta| <= x, betas against the file's equal-weight return (the platform's 0.15)" };
        var sectors = new Option<string?>("--sectors") { Description = "CSV asset,sector (needed by --sector-cap)" };
        var sectorCap = new Option<double?>("--sector-cap") { Description = "Cap on each sector's summed weight" };
        var adv = new Option<string?>("--adv") { Description = "CSV asset,adv_dollars: capacity caps (needs --capital)" };
        var capital = new Option<double?>("--capital") { Description = "Capital in dollars (turns --adv into weight caps)" };
        var advFraction = new Option<double?>("--adv-fraction") { Description = "Largest share of an asset's ADV a position may be (default 0.01)" };
        var output = new Option<string>("--out") { Description = "Output CSV: asset,weight,risk_contribution", Required = true };
        var command = new Command("allocate", "Allocate across the assets of a returns CSV with one engine (falls back to ERC with the reason when infeasible)");
        foreach (var o in new Option[] { returns, method, estimator, maxWeight, betaBand, sectors, sectorCap, adv, capital, advFraction, output })
        {
            command.Options.Add(o);
        }

        command.SetGuardedAction(context, async (parse, ct) =>
        {
            var table = Read(parse.GetValue(returns));
            var engine = Optimizer.ParseEngine(parse.GetValue(method)).CreateAllocator();
            var constraints = CliConstraints.Build(
                table, parse.GetValue(maxWeight), parse.GetValue(betaBand), parse.GetValue(sectors), parse.GetValue(sectorCap), parse.GetValue(adv), parse.GetValue(capital), parse.GetValue(advFraction), out var betas);
            var problem = new AllocationProblem
            {
                AssetIds = table.AssetIds,
                Returns = table.Columns,
                CovarianceEstimator = CovarianceEstimators.ByName(parse.GetValue(estimator) ?? "sample"),
                Betas = betas,
                Constraints = constraints,
            };
            var result = new AllocationPolicy().Allocate(engine, problem);
            var path = parse.GetValue(output)!;
            await File.WriteAllTextAsync(path, ReturnsCsv.WriteWeights(result), new UTF8Encoding(false), ct).ConfigureAwait(false);
            var weights = new Table().AddColumns("asset", "weight", "risk contribution");
            for (var i = 0; i < result.AssetIds.Count; i++)
            {
                weights.AddRow(TerminalText.Escape(result.AssetIds[i]), result.Weights[i].ToString("F6", CultureInfo.InvariantCulture), result.RiskContributions[i].ToString("F6", CultureInfo.InvariantCulture));
            }

            context.Console.Write(weights);
            context.Console.MarkupLine($"method [bold]{TerminalText.Escape(result.Method)}[/], volatility {result.PortfolioVolatility.ToString("G6", CultureInfo.InvariantCulture)} per period, weights written to {TerminalText.Escape(path)}");
            if (result.FallbackFrom is not null)
            {
                context.Console.MarkupLine($"[yellow]fallback: {TerminalText.Escape(result.FallbackFrom)} -> {TerminalText.Escape(result.Method)}: {TerminalText.Escape(result.FallbackReason ?? string.Empty)}[/]");
            }

            foreach (var d in result.Diagnostics)
            {
                context.Console.MarkupLine("  " + TerminalText.Escape(d));
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    public static Command BuildSelect(CliContext context)
    {
        var profile = new Option<string>("--profile") { Description = "Profile name in config/profiles", Required = true };
        var profilesDir = new Option<string?>("--profiles-dir") { Description = "Directory of profile YAML files (default: config/profiles found upward)" };
        var command = new Command("select", "Run natural selection (HTR loop) on a profile's universe and print the audit trail of each stage");
        command.Options.Add(profile);
        command.Options.Add(profilesDir);
        command.SetGuardedAction(context, (parse, _) =>
        {
            var sleeve = ProfileCatalog.Locate(parse.GetValue(profilesDir)).Get(parse.GetValue(profile)!);
            if (sleeve.Universe.Source != UniverseSource.Synthetic)
            {
                throw new TesseraValidationException("--profile", sleeve.Name, "tessera select runs on synthetic-universe profiles; lakehouse universes are selected inside the life cycle (tessera run)");
            }

            var market = SyntheticMarket.GenerateDaily(new SyntheticMarketSpec(sleeve.Universe.Symbols, sleeve.Universe.Days, sleeve.Universe.Seed) { Sectors = sleeve.Universe.Sectors });
            var candidates = CandidateBuilder.FromBars(market.Bars, sleeve.Recruitment.Directions, sleeve.Selection.MomentumLookbackDays, sleeve.Selection.MomentumSkipDays);
            var config = new HtrConfig { Factors = CandidateBuilder.DefaultFactors, MinCandidates = Math.Max(SelectionSettings.MinimumCandidates, 15) };
            var result = new SelectionPipeline(config).Run(candidates);
            foreach (var stage in result.Stages)
            {
                var trail = new Table().Title($"stage {TerminalText.Escape(stage.Stage)}").AddColumns("step", "candidate", "kept", "reason");
                foreach (var d in result.Decisions.Where(d => d.Stage == stage.Stage))
                {
                    trail.AddRow(TerminalText.Escape(d.Step), TerminalText.Escape(d.Candidate), d.Kept ? "yes" : "[red]no[/]", TerminalText.Escape(d.Reason));
                }

                context.Console.Write(trail);
            }

            var summary = new Table().AddColumns("stage", "survivors", "clusters", "satisfied");
            foreach (var s in result.Stages)
            {
                summary.AddRow(TerminalText.Escape(s.Stage), Int(s.Survivors), Int(s.Clusters), s.Satisfied ? "yes" : "no");
            }

            context.Console.Write(summary);
            context.Console.MarkupLine($"{Int(candidates.Count)} candidates, {Int(result.Selected.Count)} selected at stage [bold]{TerminalText.Escape(result.StageUsed)}[/]: {TerminalText.Escape(result.Reason)}");
            if (!result.Satisfied)
            {
                context.Console.MarkupLine("[yellow]warning: no stage reached the candidate floor; the life cycle would not optimize this universe[/]");
            }

            return Task.FromResult(ExitCodes.Ok);
        });
        return command;
    }

    private static Option<string> ReturnsOption() => new("--returns") { Description = "Returns CSV: a date column plus one column per asset", Required = true };

    private static Option<string?> EstimatorOption() => new("--estimator") { Description = "Covariance estimator: sample|lw|ewma (default sample)" };

    /// <summary>The returns CSV of --returns (shared with the portfolio group's commands).</summary>
    public static ReturnsTable ReadReturns(string? path) => Read(path);

    private static ReturnsTable Read(string? path)
    {
        if (string.IsNullOrWhiteSpace(path) || !File.Exists(path))
        {
            throw new TesseraValidationException("--returns", path, "must name an existing returns CSV file");
        }

        using var reader = new StreamReader(path);
        return ReturnsCsv.Read(reader, Path.GetFileName(path));
    }

    private static string Int(int v) => v.ToString(CultureInfo.InvariantCulture);
}
