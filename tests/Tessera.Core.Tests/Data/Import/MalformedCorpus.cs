using Tessera.Core.Data.Import;

namespace Tessera.Core.Tests.Data.Import;

/// <summary>One malformed input and the error it must produce.</summary>
public sealed record MalformedCase(string File, string Importer, string Rule, long Line, string Field, string Path);

/// <summary>Loads Malformed/expected.txt from the source tree (the files are test inputs, not build outputs).</summary>
public static class MalformedCorpus
{
    private static readonly Lazy<IReadOnlyList<MalformedCase>> Cases = new(LoadCore);

    public static IReadOnlyList<MalformedCase> Load() => Cases.Value;

    public static MalformedCase Get(string file) => Load().Single(c => c.File == file);

    public static ImportReport Import(MalformedCase c, Stream stream, ImportMode mode)
    {
        var options = new BarImportOptions { Mode = mode, Source = c.File };
        return c.Importer == "trades" ? TradeCsvImporter.Import(stream, options).Report : BarCsvImporter.Import(stream, options).Report;
    }

    public static string Directory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "Tessera.Core.Tests", "Data", "Import", "Malformed");
            if (System.IO.Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("tests/Tessera.Core.Tests/Data/Import/Malformed not found above " + AppContext.BaseDirectory);
    }

    private static IReadOnlyList<MalformedCase> LoadCore()
    {
        var dir = Directory();
        var result = new List<MalformedCase>();
        foreach (var line in File.ReadAllLines(Path.Combine(dir, "expected.txt")))
        {
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var p = line.Split('|');
            result.Add(new MalformedCase(p[0], p[1], p[2], long.Parse(p[3]), p[4], Path.Combine(dir, p[0])));
        }

        return result;
    }
}
