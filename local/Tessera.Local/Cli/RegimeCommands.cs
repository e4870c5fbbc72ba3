using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Tessera.Core.Data;
using Tessera.Core.Errors;
using Tessera.Core.Regime.Hmm;
using Tessera.Local.Hosting;
using Tessera.Orchestrations.Research;
using Tessera.Orchestrations.Research.Regime;
using Tessera.Storage.Lakehouse;
using Tessera.Storage.Research;

namespace Tessera.Local.Cli;

/// <summary>
/// <c>tessera regime fit [--symbol X] [--csv FILE] [--force] [--as-of DATE]</c>: the scheduled regime refit on demand
/// (config/research.yaml's regime settings; the refit policy decides unless --force), persisted to
/// research/hmm_models/ and publishing REGIME_CHANGED; <c>tessera regime show [--symbol X]</c>: the latest persisted
/// model, its age against refit_days and its states. Data: the lakehouse's current version, or a bar CSV.
/// </summary>
public static class RegimeCommands
{
    public static Command Build(CliContext context)
    {
        var command = new Command("regime", "Regime HMM: fit on a schedule (refit policy), show the persisted model");
        command.Subcommands.Add(BuildFit(context));
        command.Subcommands.Add(BuildShow(context));
        return command;
    }

    private static Option<string?> SymbolOption() => new("--symbol") { Description = "Series to fit on (default: regime.symbol of config/research.yaml, SPY)" };

    private static Command BuildFit(CliContext context)
    {
        var symbol = SymbolOption();
        var csv = new Option<string?>("--csv") { Description = "Bar CSV to fit on instead of the lakehouse (one symbol, or pick it with --symbol)" };
        var force = new Option<bool>("--force") { Description = "Fit even when the persisted model is younger than regime.refit_days" };
        var asOf = new Option<string?>("--as-of") { Description = "Today for the refit policy and the fit date, yyyy-MM-dd (default: today UTC)" };
        var storage = StorageOption.Create();
        var command = new Command("fit", "Fit the regime HMM when the persisted model is stale (or --force); publish REGIME_CHANGED for each change since the previous fit");
        command.Options.Add(symbol);
        command.Options.Add(csv);
        command.Options.Add(force);
        command.Options.Add(asOf);
        command.Options.Add(storage);
        command.SetGuardedAction(context, async (parse, ct) =>
        {
            var settings = Settings(context, parse.GetValue(symbol));
            var today = Date(parse.GetValue(asOf)) ?? DateOnly.FromDateTime(DateTime.UtcNow);
            await using var store = await LocalStorage.OpenAsync(context, parse.GetValue(storage), ct).ConfigureAwait(false);
            context.Console.MarkupLine($"[grey]storage: {TerminalText.Escape(store.Description)}[/]");
            var events = LocalResearchEvents.Create(context.Env);
            await using (events.ConfigureAwait(false))
            {
                var path = parse.GetValue(csv);
                var outcome = await new RegimeRefitService(new HmmModelStore(store.Blobs), events.Publisher).RunAsync(
                    settings,
                    async token => path is not null ? Single(BarCsvInput.Load(context, path, settings.Symbol), settings.Symbol) : await FromLakehouseAsync(store, settings.Symbol, token).ConfigureAwait(false),
                    today,
                    parse.GetValue(force),
                    ct).ConfigureAwait(false);
                context.Console.MarkupLine(TerminalText.Escape(ResearchJobs.Describe("regime fit", settings.Symbol, outcome)));
                if (outcome.Model is { } model)
                {
                    PrintModel(context, model, outcome.BlobName!);
                    foreach (var change in outcome.Changes)
                    {
                        context.Console.MarkupLine($"  REGIME_CHANGED {change.Date:yyyy-MM-dd}: {HmmModelRecord.Label(change.From)} -> [bold]{HmmModelRecord.Label(change.To)}[/]");
                    }
                }

                if (events.AlertsUnavailable is { } why)
                {
                    context.Console.MarkupLine($"[grey]events written to the event log only ({TerminalText.Escape(why)})[/]");
                }
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command BuildShow(CliContext context)
    {
        var symbol = SymbolOption();
        var asOf = new Option<string?>("--as-of") { Description = "Today for the model's age, yyyy-MM-dd (default: today UTC)" };
        var storage = StorageOption.Create();
        var command = new Command("show", "Show the latest persisted regime HMM: fit date, age against refit_days, regime and states");
        command.Options.Add(symbol);
        command.Options.Add(asOf);
        command.Options.Add(storage);
        command.SetGuardedAction(context, async (parse, ct) =>
        {
            var settings = Settings(context, parse.GetValue(symbol));
            var today = Date(parse.GetValue(asOf)) ?? DateOnly.FromDateTime(DateTime.UtcNow);
            await using var store = await LocalStorage.OpenAsync(context, parse.GetValue(storage), ct, readOnly: true).ConfigureAwait(false);
            var models = new HmmModelStore(store.Blobs);
            var latest = await models.LatestAsync(settings.Symbol, ct).ConfigureAwait(false);
            if (latest is not { } found)
            {
                context.Console.MarkupLine($"no regime model for {TerminalText.Escape(settings.Symbol)} yet: run 'tessera regime fit'");
                return ExitCodes.Failed;
            }

            var decision = settings.Policy.Decide(found.Model, today);
            context.Console.MarkupLine($"{TerminalText.Escape(settings.Symbol)}: regime [bold]{TerminalText.Escape(found.Model.Regime)}[/] through {found.Model.FitThrough:yyyy-MM-dd}; fitted {found.Model.FitDate:yyyy-MM-dd} (age {decision.AgeDays} d, refit_days {settings.RefitDays}: {(decision.Refit ? "STALE, due for a refit" : "current")}); {(await models.NamesAsync(settings.Symbol, ct).ConfigureAwait(false)).Count} fit(s) stored");
            PrintModel(context, found.Model, found.Name);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static RegimeResearchSettings Settings(CliContext context, string? symbol)
    {
        var settings = ResearchConfiguration.Load(context.Env).Regime;
        return symbol is null ? settings : settings with { Symbol = SymbolId.Parse(symbol, "--symbol").ToString() };
    }

    private static void PrintModel(CliContext context, HmmModelRecord model, string blob)
    {
        var table = new Table().AddColumns("state", "mean daily log return", "daily volatility", "stay probability", "filtered P at fit-through");
        for (var s = 0; s < model.States.Count; s++)
        {
            var st = model.States[s];
            table.AddRow(
                TerminalText.Escape(st.Label),
                st.Mean.ToString("P3", CultureInfo.InvariantCulture),
                Math.Sqrt(st.Variance).ToString("P3", CultureInfo.InvariantCulture),
                st.TransitionRow[s].ToString("F4", CultureInfo.InvariantCulture),
                st.FilteredProbability.ToString("F4", CultureInfo.InvariantCulture));
        }

        context.Console.Write(table);
        context.Console.MarkupLine($"[grey]{TerminalText.Escape(model.Version)}, {model.Observations} returns, log-likelihood {model.LogLikelihood.ToString("F2", CultureInfo.InvariantCulture)}, {(model.Converged ? "converged" : "NOT converged")}, {model.Restarts} restarts seed {model.Seed}; research/{TerminalText.Escape(blob)}[/]");
    }

    private static async Task<BarSeries> FromLakehouseAsync(LocalStorage store, string symbol, CancellationToken ct)
    {
        var lake = new Lakehouse(store.Blobs, TimeProvider.System);
        await lake.InitializeAsync(ct).ConfigureAwait(false);
        var snapshot = await lake.OpenSnapshotAsync(ct).ConfigureAwait(false);
        if (!snapshot.Symbols.Contains(symbol, StringComparer.Ordinal))
        {
            throw new TesseraValidationException("--symbol", symbol, $"not in lakehouse version {snapshot.Version} (import it with 'tessera data import', or fit on --csv FILE)");
        }

        return await snapshot.LoadAsync(symbol, ct).ConfigureAwait(false);
    }

    private static BarSeries Single(List<BarSeries> series, string symbol) =>
        series.Count == 1 ? series[0]
        : series.Find(s => string.Equals(s.Symbol, symbol, StringComparison.OrdinalIgnoreCase))
          ?? throw new TesseraValidationException("--symbol", symbol, $"the file holds {series.Count} symbols and none is {symbol}");

    internal static DateOnly? Date(string? text) => text is null ? null
        : DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d
        : throw new TesseraValidationException("--as-of", text, "must be a date yyyy-MM-dd");
}
