using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Tessera.Core.Valuation;
using Tessera.Orchestrations.Research.Valuation;

namespace Tessera.Local.Cli;

/// <summary>
/// <c>tessera valuation dcf --config FILE</c>: the Monte Carlo DCF of every company in the file (assumptions and
/// companies; example config/valuation-example.yaml): P(undervalued) with its standard error, whether it passes the
/// threshold, and the distribution of value per share.
/// </summary>
public static class ValuationCommands
{
    public static Command Build(CliContext context)
    {
        var command = new Command("valuation", "Valuation models");
        var config = new Option<string>("--config") { Description = "YAML with assumptions and companies (see config/valuation-example.yaml)", Required = true };
        var dcf = new Command("dcf", "Monte Carlo DCF: P(undervalued) per company (seeded; 10,000 paths by default)");
        dcf.Options.Add(config);
        dcf.SetGuardedAction(context, (parse, _) =>
        {
            var input = DcfConfiguration.LoadFile(parse.GetValue(config)!);
            var a = input.Assumptions;
            var table = new Table().AddColumns("ticker", "price", "P(undervalued)", "std error", $"passes {a.UndervaluedThreshold.ToString("F2", CultureInfo.InvariantCulture)}", "mean value", "median", "5th pct", "95th pct");
            foreach (var c in input.Companies)
            {
                var v = MonteCarloDcf.Value(c.Company, a);
                table.AddRow(
                    TerminalText.Escape(c.Ticker),
                    F(c.Company.Price),
                    v.ProbabilityUndervalued.ToString("F4", CultureInfo.InvariantCulture),
                    v.StandardError.ToString("F4", CultureInfo.InvariantCulture),
                    v.PassesThreshold ? "[green]yes[/]" : "no",
                    F(v.MeanValuePerShare),
                    F(v.MedianValuePerShare),
                    F(v.Percentile5),
                    F(v.Percentile95));
            }

            context.Console.Write(table);
            context.Console.MarkupLine($"[grey]{a.Paths:N0} paths per company, seed {a.Seed}, horizon {a.HorizonYears} y, terminal growth {a.TerminalGrowth.ToString("P2", CultureInfo.InvariantCulture)}[/]");
            return Task.FromResult(ExitCodes.Ok);
        });
        command.Subcommands.Add(dcf);
        return command;
    }

    private static string F(double v) => v.ToString("F4", CultureInfo.InvariantCulture);
}
