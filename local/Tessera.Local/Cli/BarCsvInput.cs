using Spectre.Console;
using Tessera.Core.Data;
using Tessera.Core.Data.Import;
using Tessera.Core.Errors;

namespace Tessera.Local.Cli;

/// <summary>
/// The --csv input of the analysis commands (indicators, signals, backtest, walkforward, validate): one bar CSV
/// read leniently (malformed rows dropped and counted on the terminal). A file without a symbol column takes
/// <c>defaultSymbol</c>, else its file name. The same limits (<see cref="Limits"/>), market date range and symbol grammar
/// as <c>data import</c> apply; a file of which no row is accepted is a failure (<see cref="NothingAcceptedException"/>,
/// exit code <see cref="ExitCodes.NothingImported"/>) after the rejection summary.
/// </summary>
public static class BarCsvInput
{
    public static List<BarSeries> Load(CliContext context, string path, string? defaultSymbol = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (string.IsNullOrWhiteSpace(path) || !File.Exists(path))
        {
            throw new TesseraValidationException("--csv", path, "must name an existing bar CSV file");
        }

        using var stream = File.OpenRead(path);
        var result = BarCsvImporter.Import(stream, new BarImportOptions
        {
            Mode = ImportMode.Lenient,
            Source = Path.GetFileName(path),
            DefaultSymbol = defaultSymbol ?? BarCsvImporter.SymbolFromFileName(path),
            Limits = Limits(context),
            AsOfUtc = DateTime.UtcNow,
        });
        if (result.Report.RowsAccepted == 0)
        {
            ImportSummary.Print(context, [result.Report]);
            NothingAcceptedException.ThrowIfNothingAccepted([result.Report]);
        }

        var dropped = result.Report.DataRows - result.Report.RowsAccepted;
        if (dropped > 0)
        {
            context.Console.MarkupLine($"[yellow]{dropped} malformed rows dropped (lenient import)[/]");
        }

        return [.. result.Series];
    }

    /// <summary>The import limits of this process: TESSERA_IMPORT_MAX_ROWS and TESSERA_IMPORT_MAX_BYTES, else <see cref="ImportLimits.Default"/>.</summary>
    public static ImportLimits Limits(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return ImportLimits.From(context.Env("TESSERA_IMPORT_MAX_ROWS"), context.Env("TESSERA_IMPORT_MAX_BYTES"));
    }
}
