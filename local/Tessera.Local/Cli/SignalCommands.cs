using System.CommandLine;
using System.Globalization;
using System.Text;
using Spectre.Console;
using Tessera.Core.Data;
using Tessera.Core.Errors;
using Tessera.Core.Indicators;
using Tessera.Core.Signals;
using Tessera.Core.Strategies;
using Tessera.Local.Hosting;
using Tessera.Storage.Lakehouse;

namespace Tessera.Local.Cli;

/// <summary>
/// <c>tessera indicators --csv FILE|--symbol X --out FILE.csv</c> (every indicator column per bar, names in
/// docs/INDICATORS.md) and <c>tessera signals --strategy NAME --csv FILE|--symbol X</c> (signals over time).
/// With --csv the bars come from the file (project importer, lenient mode; --symbol picks one symbol of a
/// multi-symbol file); with --symbol alone they come from the current lakehouse version (cross-sectional
/// strategies then rank every lakehouse symbol and the output is filtered to X).
/// </summary>
public static class SignalCommands
{
    public static Command BuildIndicators(CliContext context)
    {
        var csv = CsvOption();
        var symbol = SymbolOption();
        var output = new Option<string>("--out") { Description = "Output CSV: one row per bar, one column per indicator", Required = true };
        var storage = StorageOption.Create();
        var command = new Command("indicators", "Compute every indicator (default periods) for one symbol and write them as CSV columns");
        command.Options.Add(csv);
        command.Options.Add(symbol);
        command.Options.Add(output);
        command.Options.Add(storage);
        command.SetGuardedAction(context, async (parse, ct) =>
        {
            var wanted = parse.GetValue(symbol);
            var universe = await LoadAsync(context, parse.GetValue(csv), wanted, parse.GetValue(storage), wholeLake: false, ct).ConfigureAwait(false);
            var bars = Single(universe, wanted);
            var anchor = IndicatorSuite.DefaultVwapAnchor(bars);
            var columns = IndicatorSuite.Compute(bars, anchor);
            var path = parse.GetValue(output)!;
            await File.WriteAllTextAsync(path, ToCsv(bars, columns), new UTF8Encoding(false), ct).ConfigureAwait(false);
            var table = new Table().AddColumns("symbol", "bars", "columns", "vwap", "file");
            table.AddRow(TerminalText.Escape(bars.Symbol), bars.Count.ToString(CultureInfo.InvariantCulture), IndicatorSuite.ColumnNames.Count.ToString(CultureInfo.InvariantCulture), anchor.ToString(), TerminalText.Escape(path));
            context.Console.Write(table);
            return ExitCodes.Ok;
        });
        return command;
    }

    public static Command BuildSignals(CliContext context)
    {
        var strategy = new Option<string>("--strategy") { Description = "Strategy name: " + string.Join(", ", StrategyRegistry.Default.Names), Required = true };
        var csv = CsvOption();
        var symbol = SymbolOption();
        var storage = StorageOption.Create();
        var command = new Command("signals", "List a strategy's signals over time (cross-sectional strategies rank the whole file or lakehouse)");
        command.Options.Add(strategy);
        command.Options.Add(csv);
        command.Options.Add(symbol);
        command.Options.Add(storage);
        command.SetGuardedAction(context, async (parse, ct) =>
        {
            var chosen = StrategyRegistry.Default.Create(parse.GetValue(strategy)!);
            var wanted = parse.GetValue(symbol);
            var universe = await LoadAsync(context, parse.GetValue(csv), wanted, parse.GetValue(storage), wholeLake: chosen is not ISeriesStrategy, ct).ConfigureAwait(false);
            IReadOnlyList<Signal> signals = chosen is ISeriesStrategy series
                ? series.SignalsOverTime(Single(universe, wanted))
                : [.. chosen.SignalsOverTime(universe).Where(s => wanted is null || string.Equals(s.Symbol, Single(universe, wanted).Symbol, StringComparison.Ordinal))];
            var table = new Table().AddColumns("time (UTC)", "symbol", "side", "strength", "reason", "stop");
            foreach (var s in signals)
            {
                table.AddRow(
                    BarSeries.ToUtc(s.TimestampUtcMs).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
                    TerminalText.Escape(s.Symbol),
                    s.Side.ToString(),
                    s.Strength.ToString("F4", CultureInfo.InvariantCulture),
                    TerminalText.Escape(s.Reason),
                    s.StopPrice?.ToString("F4", CultureInfo.InvariantCulture) ?? string.Empty);
            }

            context.Console.Write(table);
            context.Console.MarkupLine($"[bold]{signals.Count}[/] signals from [bold]{TerminalText.Escape(chosen.Name)}[/] (parameters {TerminalText.Escape(chosen.CanonicalParameters)}, sha256 {chosen.ParametersHash[..12]}...)");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Option<string?> CsvOption() => new("--csv") { Description = "Bar CSV (long format symbol,date,open,high,low,close,volume, or one symbol per file; .gz ok)" };

    private static Option<string?> SymbolOption() => new("--symbol") { Description = "Symbol: picks one symbol of the --csv file, or (without --csv) reads it from the lakehouse" };

    private static async Task<List<BarSeries>> LoadAsync(CliContext context, string? csv, string? symbol, string? storage, bool wholeLake, CancellationToken ct)
    {
        if (csv is not null)
        {
            return BarCsvInput.Load(context, csv, symbol);
        }

        if (symbol is null)
        {
            throw new TesseraValidationException("--csv", null, "give --csv FILE or --symbol X (read from the lakehouse)");
        }

        var id = SymbolId.Parse(symbol, "--symbol").ToString();
        var store = await LocalStorage.OpenAsync(context, storage, ct).ConfigureAwait(false);
        await using (store.ConfigureAwait(false))
        {
            context.Console.MarkupLine($"[grey]storage: {TerminalText.Escape(store.Description)}[/]");
            var lake = new Lakehouse(store.Blobs, TimeProvider.System);
            await lake.InitializeAsync(ct).ConfigureAwait(false);
            var snapshot = await lake.OpenSnapshotAsync(ct).ConfigureAwait(false);
            if (!wholeLake)
            {
                return [await snapshot.LoadAsync(id, ct).ConfigureAwait(false)];
            }

            // History listing: every stored symbol takes part (staleness relative to today does not matter here).
            if (!snapshot.Symbols.Contains(id, StringComparer.Ordinal))
            {
                throw new TesseraValidationException("--symbol", symbol, $"unknown symbol in lakehouse version {snapshot.Version}");
            }

            return [.. await snapshot.LoadManyAsync(snapshot.Symbols, ct).ConfigureAwait(false)];
        }
    }

    private static BarSeries Single(List<BarSeries> universe, string? symbol)
    {
        if (symbol is null)
        {
            return universe.Count == 1
                ? universe[0]
                : throw new TesseraValidationException("--symbol", null, $"the file holds {universe.Count} symbols; choose one with --symbol");
        }

        var wanted = SymbolId.Parse(symbol, "--symbol").ToString();
        return universe.Find(s => string.Equals(s.Symbol, wanted, StringComparison.OrdinalIgnoreCase))
            ?? throw new TesseraValidationException("--symbol", symbol, "unknown symbol: not in the file");
    }

    private static string ToCsv(BarSeries bars, double[][] columns)
    {
        var sb = new StringBuilder();
        sb.Append("timestamp,symbol,open,high,low,close,volume");
        foreach (var name in IndicatorSuite.ColumnNames)
        {
            sb.Append(',').Append(name);
        }

        sb.Append('\n');
        for (var i = 0; i < bars.Count; i++)
        {
            sb.Append(BarSeries.ToUtc(bars.Timestamps[i]).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)).Append(',').Append(bars.Symbol);
            foreach (var v in new[] { bars.Open[i], bars.High[i], bars.Low[i], bars.Close[i], bars.Volume[i] })
            {
                sb.Append(',').Append(v.ToString("R", CultureInfo.InvariantCulture));
            }

            foreach (var column in columns)
            {
                // Warm-up (and undefined) values are empty cells, never a number.
                sb.Append(',');
                if (!double.IsNaN(column[i]))
                {
                    sb.Append(column[i].ToString("R", CultureInfo.InvariantCulture));
                }
            }

            sb.Append('\n');
        }

        return sb.ToString();
    }
}
