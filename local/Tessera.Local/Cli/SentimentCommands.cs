using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Tessera.Core.Sentiment;
using Tessera.Local.Hosting;
using Tessera.Orchestrations.Research.Sentiment;

namespace Tessera.Local.Cli;

/// <summary>
/// <c>tessera sentiment scan FILE [--min-history 60] [--exit-z -2.0]</c>: headlines (JSON Lines or CSV
/// ticker,timestamp,text) scored by the financial-lexicon scorer, fed per ticker in time order to the change
/// detector; exits published as SENTIMENT_EXIT_ALERT (z, baseline mean). The ONNX FinBERT scorer
/// (src/Tessera.Sentiment.Onnx) is not referenced by the CLI, so the CLI scores with the lexicon only.
/// </summary>
public static class SentimentCommands
{
    public static Command Build(CliContext context)
    {
        var command = new Command("sentiment", "Sentiment change detection over headlines (lexicon scorer)");
        command.Subcommands.Add(BuildScan(context));
        return command;
    }

    private static Command BuildScan(CliContext context)
    {
        var file = new Argument<string>("FILE") { Description = "Headlines: .jsonl ({\"ticker\",\"timestamp\",\"text\"} per line) or .csv (header ticker,timestamp,text)" };
        var minHistory = new Option<int>("--min-history") { Description = "Readings a ticker needs before a z-score (seed: 60)", DefaultValueFactory = _ => 60 };
        var exitZ = new Option<double>("--exit-z") { Description = "Exit below this z-score (seed: -2.0)", DefaultValueFactory = _ => -2.0 };
        var command = new Command("scan", "Score headlines, z-score each ticker against its own history, publish SENTIMENT_EXIT_ALERT below the threshold");
        command.Arguments.Add(file);
        command.Options.Add(minHistory);
        command.Options.Add(exitZ);
        command.SetGuardedAction(context, async (parse, ct) =>
        {
            var detector = new SentimentChangeDetector(parse.GetValue(exitZ), parse.GetValue(minHistory), Math.Max(252, parse.GetValue(minHistory)));
            var headlines = HeadlineFile.Load(parse.GetValue(file)!);
            var events = LocalResearchEvents.Create(context.Env);
            await using (events.ConfigureAwait(false))
            {
                var result = new SentimentScanService(events.Publisher).Run(headlines, new LexiconSentimentScorer(), detector);
                var table = new Table().AddColumns("ticker", "readings", "status", "last score", "last z", "baseline mean", "exits");
                foreach (var t in result.Tickers)
                {
                    table.AddRow(
                        TerminalText.Escape(t.Ticker),
                        t.Readings.ToString(CultureInfo.InvariantCulture),
                        t.Status == SentimentHistoryStatus.Scored ? "scored" : $"[yellow]insufficient history[/] ({t.Readings} of {result.MinHistory + 1} readings)",
                        t.Last.Score.ToString("F3", CultureInfo.InvariantCulture),
                        t.Last.ZScore?.ToString("F2", CultureInfo.InvariantCulture) ?? "-",
                        t.Last.BaselineMean?.ToString("F3", CultureInfo.InvariantCulture) ?? "-",
                        t.Exits.Count == 0 ? "0" : $"[red]{t.Exits.Count}[/] (last {t.Exits[^1].At.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} z {t.Exits[^1].Reading.ZScore!.Value.ToString("F2", CultureInfo.InvariantCulture)})");
                }

                context.Console.Write(table);
                context.Console.MarkupLine($"{headlines.Count} headline(s), {result.Tickers.Count} ticker(s), scorer {TerminalText.Escape(result.Scorer)}; {result.Tickers.Sum(t => t.Exits.Count)} SENTIMENT_EXIT_ALERT event(s) published");
                if (events.AlertsUnavailable is { } why)
                {
                    context.Console.MarkupLine($"[grey]events written to the event log only ({TerminalText.Escape(why)})[/]");
                }
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}
