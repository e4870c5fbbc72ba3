using System.CommandLine;

namespace Tessera.Local.Cli;

/// <summary>
/// The tessera command tree. Each area contributes one static Build(CliContext) in its own file
/// (see Cli/README.md); this is the only place that lists them.
/// </summary>
public static class CliRoot
{
    public static RootCommand Build(CliContext context)
    {
        var root = new RootCommand("Tessera: trading and portfolio platform (local embedded host and CLI)");
        foreach (var command in new[]
        {
            // --- registrations: one line per command group ---
            VersionCommand.Build(context),
            RunCommands.BuildRun(context),
            RunCommands.BuildStatus(context),
            RunsCommands.Build(context),
            BacktestRunCommands.Build(context),
            ServeCommand.Build(context),
            WorkerCommand.Build(context),
            DataCommands.Build(context),
            SignalCommands.BuildIndicators(context),
            SignalCommands.BuildSignals(context),
            BacktestCommands.BuildBacktest(context),
            BacktestCommands.BuildWalkForward(context),
            BacktestCommands.BuildValidate(context),
            IcCommands.Build(context),
            ReportCommands.Build(context),
            PortfolioCommands.BuildCov(context),
            PortfolioCommands.BuildAllocate(context),
            PortfolioCommands.BuildSelect(context),
            PortfolioGroupCommands.Build(context),
            BrokerCommands.Build(context),
            ExchangeCommands.Build(context),
            TradeCommands.BuildTrade(context),
            TradeCommands.BuildHalt(context),
            TradeCommands.BuildResume(context),
            TradeCommands.BuildAudit(context),
            GovernanceCommands.BuildPromote(context),
            ConfigCommands.Build(context),
            SepCommands.Build(context),
            RegimeCommands.Build(context),
            FundamentalsCommands.Build(context),
            SentimentCommands.Build(context),
            ValuationCommands.Build(context),
            StreamCommand.Build(context),
            MetaCommands.Build(context),
            StageCommands.Build(context),
        })
        {
            root.Subcommands.Add(command);
        }

        return root;
    }

    /// <summary>Parses and runs; usage errors (unknown command, missing option) exit with code 2, not 1.</summary>
    public static Task<int> RunAsync(CliContext context, string[] args) => RunAsync(context, args, CancellationToken.None);

    /// <summary>Runs the command line; <paramref name="cancellationToken"/> stops a long-running command as Ctrl-C does.</summary>
    public static async Task<int> RunAsync(CliContext context, string[] args, CancellationToken cancellationToken)
    {
        var parseResult = Build(context).Parse(args);
        if (parseResult.Errors.Count > 0 && !args.Any(a => a is "-h" or "--help" or "-?"))
        {
            foreach (var error in parseResult.Errors)
            {
                await context.Error.WriteLineAsync("error: " + error.Message).ConfigureAwait(false);
            }

            await context.Error.WriteLineAsync("run 'tessera --help' for usage").ConfigureAwait(false);
            return ExitCodes.BadInput;
        }

        return await parseResult.InvokeAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
    }
}
