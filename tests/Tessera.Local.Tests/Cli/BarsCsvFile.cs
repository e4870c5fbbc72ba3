using Tessera.Core.Data;
using Tessera.Core.Data.Export;

namespace Tessera.Local.Tests.Cli;

/// <summary>Writes several bar series as one long-format CSV (one header, then every series' rows), as the CLI reads it.</summary>
internal static class BarsCsvFile
{
    public static string Write(string path, IEnumerable<BarSeries> series)
    {
        using var writer = new StreamWriter(path);
        var first = true;
        foreach (var s in series)
        {
            var text = new StringWriter();
            BarCsvWriter.Write(s, text);
            var lines = text.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
            foreach (var line in first ? lines : lines[1..])
            {
                writer.Write(line.TrimEnd('\r') + "\n");
            }

            first = false;
        }

        return path;
    }
}
