using System.Text;
using Tessera.Testing;

namespace Tessera.Local.Tests.Corpus;

/// <summary>One line of tests/corpus/manifest.tsv: an input, the entry point it is fed to and what must happen.</summary>
public sealed record HostileCase(string File, bool Generated, string Entry, string ExpectKind, int Expect, string Field, string Rule)
{
    public override string ToString() => File + " -> " + Entry;
}

/// <summary>
/// The hostile-input corpus of issue 17 (tests/corpus): committed small files plus the bombs generated here (a
/// 0.6 MB gzip inflating to 200 MB, 20,000-deep YAML, oversized bodies), so no large binary is committed.
/// </summary>
public static class HostileCorpus
{
    private static readonly Lazy<IReadOnlyList<HostileCase>> Cases = new(Load);
    private static readonly Lazy<byte[]> Bomb = new(() => Tessera.Testing.GzipBomb.Create(200L * 1024 * 1024));

    public static string Directory => Path.Combine(RepositoryPaths.Root(), "tests", "corpus");

    public static IReadOnlyList<HostileCase> All => Cases.Value;

    public static IEnumerable<HostileCase> For(string entry) => All.Where(c => c.Entry == entry);

    /// <summary>The input's bytes: the committed file, or the generated bomb.</summary>
    public static byte[] Bytes(HostileCase c) => c.Generated ? Generate(c.File) : File.ReadAllBytes(Path.Combine(Directory, c.File));

    /// <summary>Writes the input under <paramref name="folder"/> with its corpus name and returns the path.</summary>
    public static string WriteTo(HostileCase c, string folder)
    {
        var path = Path.Combine(folder, c.File);
        File.WriteAllBytes(path, Bytes(c));
        return path;
    }

    public static byte[] Generate(string name) => name switch
    {
        "csv-gzip-bomb.csv.gz" => Bomb.Value,
        "csv-line-too-long.csv" => Encoding.ASCII.GetBytes("symbol,date,open,high,low,close,volume\nAAA," + new string('9', (1 << 20) + 10) + ",1,1,1,1,1\n"),
        "yaml-depth-bomb-flow.yaml" => Encoding.ASCII.GetBytes("name: yaml-depth-bomb-flow\nx: " + new string('[', 20_000) + new string(']', 20_000) + "\n"),
        "yaml-depth-bomb-block.yaml" => Encoding.ASCII.GetBytes("name: yaml-depth-bomb-block\nx:\n" + new StringBuilder().Insert(0, "- ", 20_000) + "x\n"),
        "yaml-size-bomb.yaml" => Encoding.ASCII.GetBytes("name: yaml-size-bomb\n#" + new string('x', 100_000) + "\n"),
        "json-depth-bomb.json" => Encoding.ASCII.GetBytes("{\"profile\":" + new string('[', 5_000) + new string(']', 5_000) + "}"),
        "json-oversized.json" => Encoding.ASCII.GetBytes("{\"profile\":\"" + new string('a', 20_000) + "\"}"),
        "route-too-long.txt" => Encoding.ASCII.GetBytes(new string('a', 300)),
        _ => throw new ArgumentException("no generator for " + name, nameof(name)),
    };

    private static IReadOnlyList<HostileCase> Load()
    {
        var cases = new List<HostileCase>();
        foreach (var line in File.ReadAllLines(Path.Combine(Directory, "manifest.tsv")))
        {
            if (line.Length == 0 || line[0] == '#' || line.StartsWith("file\t", StringComparison.Ordinal))
            {
                continue;
            }

            var p = line.Split('\t');
            var expect = p[3].Split(':');
            cases.Add(new HostileCase(p[0], p[1] == "generated", p[2], expect[0], int.Parse(expect[1], System.Globalization.CultureInfo.InvariantCulture), p[4], p[5]));
        }

        return cases;
    }
}
