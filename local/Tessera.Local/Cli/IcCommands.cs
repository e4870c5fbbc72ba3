using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Tessera.Core.Reports;
using Tessera.Orchestrations.Backtests;

namespace Tessera.Local.Cli;

/// <summary>
/// <c>tessera ic</c>: rank information coefficient of the cross-sectional rankers against forward returns at
/// horizons 1..H and the IC half-life (docs/IC.md), as a table and as files (ic.html with the decay chart,
/// ic_decay.svg, ic.json, ic_decay.csv, ic_timeseries.csv, signal_half_life.csv). Thin host over <see cref="BacktestWork.InformationCoefficient"/>.
/// </summary>
public static class IcCommands
{
    public const int MaxHorizons = 252;

    public static Command Build(CliContext context)
    {
        var rankers = new Option<string?>("--rankers") { Description = "Comma-separated cross-sectional rankers (default: all of them: " + string.Join(", ", BacktestWork.RankerNames()) + ")" };
        var parameters = new Option<string?>("--params") { Description = "Parameter overrides k=v,... applied to every ranker (e.g. Lookback=126)" };
        var horizons = new Option<int>("--horizons") { Description = "Largest forward horizon H in bars (IC at 1..H)", DefaultValueFactory = _ => 20 };
        var csv = BacktestCommands.CsvOption();
        var universeName = BacktestCommands.UniverseOption();
        var output = BacktestCommands.OutOption();
        var command = new Command("ic", "Information coefficient of the rankers' scores vs forward returns at horizons 1..H, with the IC half-life and a decay chart");
        foreach (var o in new Option[] { rankers, parameters, horizons, csv, universeName, output })
        {
            command.Options.Add(o);
        }

        command.SetGuardedAction(context, async (parse, ct) =>
        {
            var h = parse.GetValue(horizons);
            if (h < 1 || h > MaxHorizons)
            {
                throw new Tessera.Core.Errors.TesseraValidationException("--horizons", h.ToString(CultureInfo.InvariantCulture), "must be in 1.." + MaxHorizons);
            }

            var names = parse.GetValue(rankers) is { } list
                ? list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                : [.. BacktestWork.RankerNames()];
            var outDir = BacktestCommands.OutDir(parse.GetValue(output));
            var (universe, source) = await BacktestCommands.LoadAsync(context, parse.GetValue(csv), parse.GetValue(universeName), ct).ConfigureAwait(false);
            IcOutcome? outcome = null;
            await context.Console.Progress().StartAsync(async p =>
            {
                var task = p.AddTask($"rank IC, {names.Length} ranker(s) x {h} horizons", maxValue: 1);
                outcome = BacktestWork.InformationCoefficient(universe, names, parse.GetValue(parameters), h, source);
                task.Increment(1);
                await Task.CompletedTask.ConfigureAwait(false);
            }).ConfigureAwait(false);

            await BacktestCommands.WriteAll(outDir, outcome!.Files, ct).ConfigureAwait(false);
            var table = new Table().AddColumns("ranker", "IC h=1", "ICIR h=1", "IC h=" + h.ToString(CultureInfo.InvariantCulture), "half-life (bars)", "horizons fitted");
            foreach (var r in outcome.Results)
            {
                table.AddRow(TerminalText.Escape(r.Ranker), BacktestCommands.Fmt(r.Decay[0].MeanIc), BacktestCommands.Fmt(r.Decay[0].IcIr), BacktestCommands.Fmt(r.Decay[^1].MeanIc),
                    TerminalText.Escape(IcReport.Verdict(r.HalfLife)), r.HalfLife.Points.ToString(CultureInfo.InvariantCulture));
            }

            context.Console.Write(table);
            context.Console.MarkupLine($"wrote ic.html, ic_decay.svg, ic.json, ic_decay.csv, ic_timeseries.csv, signal_half_life.csv to [bold]{TerminalText.Escape(outDir)}[/]");
            return ExitCodes.Ok;
        });
        return command;
    }
}
