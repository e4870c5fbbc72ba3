using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Spectre.Console;
using Tessera.Core.Contracts;
using Tessera.Core.Errors;
using Tessera.Core.Portfolio;
using Tessera.Core.Portfolio.Allocation;
using Tessera.Core.Portfolio.Comparison;

namespace Tessera.Local.Cli;

/// <summary>
/// <c>tessera portfolio compare --returns FILE.csv [--lookback 252] [--rebalance 21] [--cost-bps 10] [--max-weight x]
/// [--adv FILE.csv --capital X [--adv-fraction 0.01]] --out compare.json</c>: the Indian-equities seed's EW vs LW-GMV
/// comparison (readable table, JSON artifact). <c>tessera portfolio candidates EXPORT.json... --out
/// portfolio_candidates.json [--strict] [--merge-key identity|identity-direction]</c>: the quant-platform seed's
/// candidate consolidation (contract, deterministic merge, L1 features).
/// </summary>
public static class PortfolioGroupCommands
{
    public static Command Build(CliContext context)
    {
        var group = new Command("portfolio", "Portfolio research: EW vs LW-GMV comparison, candidate consolidation");
        group.Subcommands.Add(BuildCompare(context));
        group.Subcommands.Add(BuildCandidates(context));
        return group;
    }

    public static Command BuildCompare(CliContext context)
    {
        var returns = new Option<string>("--returns") { Description = "Returns CSV: a date column plus one column per asset", Required = true };
        var lookback = new Option<int?>("--lookback") { Description = "Estimation window in rows (default 252)" };
        var rebalance = new Option<int?>("--rebalance") { Description = "Rebalance every N rows (default 21)" };
        var cost = new Option<double?>("--cost-bps") { Description = "One-way cost in basis points of traded value (default 10)" };
        var maxWeight = new Option<double?>("--max-weight") { Description = "Upper bound on every weight" };
        var adv = new Option<string?>("--adv") { Description = "Capacity: CSV asset,adv_dollars (average daily dollar volume); needs --capital" };
        var capital = new Option<double?>("--capital") { Description = "Capital in dollars (turns --adv into weight caps)" };
        var advFraction = new Option<double?>("--adv-fraction") { Description = "Largest share of an asset's ADV a position may be (default 0.01)" };
        var output = new Option<string>("--out") { Description = "Output JSON: settings, per-strategy figures and daily net returns", Required = true };
        var command = new Command("compare", "Compare equal weight with Ledoit-Wolf global minimum variance out of sample, with costs and capacity caps");
        foreach (var o in new Option[] { returns, lookback, rebalance, cost, maxWeight, adv, capital, advFraction, output })
        {
            command.Options.Add(o);
        }

        command.SetGuardedAction(context, async (parse, ct) =>
        {
            var table = PortfolioCommands.ReadReturns(parse.GetValue(returns));
            double[]? caps = null;
            if (parse.GetValue(adv) is { } advPath)
            {
                var money = parse.GetValue(capital) ?? throw new TesseraValidationException("--capital", null, "--adv needs --capital to turn dollar volume into weight caps");
                caps = CapacityCaps.FromAverageDollarVolume(AssetValueCsv.Numbers(advPath, "--adv", table.AssetIds), money, parse.GetValue(advFraction) ?? 0.01);
            }
            else if (parse.GetValue(capital) is not null || parse.GetValue(advFraction) is not null)
            {
                throw new TesseraValidationException("--adv", null, "--capital and --adv-fraction need --adv (the assets' dollar volume)");
            }

            var settings = new ComparisonSettings(parse.GetValue(lookback) ?? 252, parse.GetValue(rebalance) ?? 21, parse.GetValue(cost) ?? 10.0, parse.GetValue(maxWeight), caps);
            var result = PortfolioComparison.Run(table.AssetIds, table.Columns, settings);
            var path = parse.GetValue(output)!;
            await File.WriteAllTextAsync(path, JsonSerializer.Serialize(ComparisonJson(result, table), Indented), new UTF8Encoding(false), ct).ConfigureAwait(false);

            var t = new Table().AddColumns("strategy", "total return", "CAGR", "volatility", "Sharpe", "max drawdown", "rebalances", "turnover / rebalance", "cost drag", "max capacity use");
            foreach (var s in result.Strategies)
            {
                t.AddRow(TerminalText.Escape(s.Name), Pct(s.TotalReturn), Pct(s.Cagr), Pct(s.Volatility), s.Sharpe.ToString("F2", CultureInfo.InvariantCulture), Pct(s.MaxDrawdown),
                    s.Rebalances.ToString(CultureInfo.InvariantCulture), Pct(s.AverageTurnover), Pct(s.CostDrag), double.IsNaN(s.MaxCapacityUse) ? "-" : Pct(s.MaxCapacityUse));
            }

            context.Console.Write(t);
            context.Console.MarkupLine(TerminalText.Escape($"{table.AssetIds.Count} assets, {result.Observations} rows, traded from row {result.FirstTradedRow} ({table.Dates[result.FirstTradedRow]}); lookback {settings.LookbackDays}, rebalance every {settings.RebalanceDays}, cost {settings.CostBps.ToString(CultureInfo.InvariantCulture)} bps; written to {path}"));
            return ExitCodes.Ok;
        });
        return command;
    }

    public static Command BuildCandidates(CliContext context)
    {
        var inputs = new Argument<string[]>("exports") { Description = "Candidate export JSON files (arrays of candidate objects)", Arity = ArgumentArity.OneOrMore };
        var output = new Option<string>("--out") { Description = "Output: the canonical portfolio_candidates.json", Required = true };
        var strict = new Option<bool>("--strict") { Description = "Fail on the first invalid record instead of dropping and counting it" };
        var mergeKey = new Option<string?>("--merge-key") { Description = "What a duplicate is: identity (default, the seed's rule: one record per canonical symbol) or identity-direction" };
        var command = new Command("candidates", "Consolidate candidate exports into portfolio_candidates.json (schema contract, deterministic merge, L1 feature bounds)");
        command.Arguments.Add(inputs);
        command.Options.Add(output);
        command.Options.Add(strict);
        command.Options.Add(mergeKey);
        command.SetGuardedAction(context, async (parse, ct) =>
        {
            var key = parse.GetValue(mergeKey) switch
            {
                null or "identity" => CandidateMergeKey.Identity,
                "identity-direction" => CandidateMergeKey.IdentityAndDirection,
                var other => throw new TesseraValidationException("--merge-key", other, "must be identity or identity-direction"),
            };
            var exports = new List<CandidateExport>();
            foreach (var file in parse.GetValue(inputs) ?? [])
            {
                if (!File.Exists(file))
                {
                    throw new TesseraValidationException("exports", file, "must name existing candidate export files");
                }

                exports.Add(new CandidateExport(Path.GetFileName(file), await File.ReadAllTextAsync(file, ct).ConfigureAwait(false)));
            }

            var result = CandidateConsolidation.Consolidate(exports, parse.GetValue(strict) ? ContractMode.Strict : ContractMode.Lenient, key);
            var path = parse.GetValue(output)!;
            await File.WriteAllTextAsync(path, CandidateJson.Write(result.Candidates), new UTF8Encoding(false), ct).ConfigureAwait(false);
            foreach (var v in result.Violations)
            {
                context.Console.MarkupLine(TerminalText.Escape($"{(v.Severity == ViolationSeverity.Dropped ? "dropped" : "warning")}: {v.Subject} {v.Field} = {v.Value ?? "(none)"}: {v.Rule}"));
            }

            var dropped = result.Violations.Count(v => v.Severity == ViolationSeverity.Dropped);
            context.Console.MarkupLine(TerminalText.Escape($"{result.RecordsIn} records from {result.Sources.Count} exports -> {result.Candidates.Count} candidates ({dropped} dropped); written to {path}"));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    private static object ComparisonJson(PortfolioComparisonResult result, ReturnsTable table) => new
    {
        Assets = result.Assets,
        Observations = result.Observations,
        FirstTradedDate = table.Dates[result.FirstTradedRow],
        result.Settings.LookbackDays,
        result.Settings.RebalanceDays,
        result.Settings.CostBps,
        result.Settings.MaxWeight,
        CapacityCaps = result.Settings.CapacityCaps,
        Strategies = result.Strategies.Select(s => new
        {
            s.Name,
            s.TotalReturn,
            s.Cagr,
            s.Volatility,
            s.Sharpe,
            s.MaxDrawdown,
            s.Rebalances,
            s.AverageTurnover,
            s.CostDrag,
            MaxCapacityUse = double.IsNaN(s.MaxCapacityUse) ? (double?)null : s.MaxCapacityUse,
            s.LastTargetWeights,
            DailyNetReturns = s.Returns,
        }),
    };

    private static string Pct(double v) => (v * 100).ToString("F2", CultureInfo.InvariantCulture) + "%";
}
