using Spectre.Console;
using Tessera.Core.Data;
using Tessera.Core.Data.Import;
using Tessera.Core.Errors;

namespace Tessera.Local.Cli;

/// <summary>
/// The --csv input of the analysis commands (indicators, signals, backtest, walkforward, validate): one bar CSV
/// read leniently (malformed rows dropped and counted on the terminal). A file without a symbol column takes
/// <c>defaultSymbol</c>, else its file name.
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
        });
        var dropped = result.Report.DataRows - result.Report.RowsAccepted;
        if (dropped > 0)
        {
            context.Console.MarkupLine($"[yellow]{dropped} malformed rows dropped (lenient import)[/]");
        }

        return [.. result.Series];
    }
}
