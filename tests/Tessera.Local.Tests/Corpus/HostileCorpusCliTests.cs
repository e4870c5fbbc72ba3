using Tessera.Local.Cli;
using Tessera.Local.Hosting;
using Tessera.Storage.Lakehouse;
using Tessera.Testing;
using Xunit;

namespace Tessera.Local.Tests.Corpus;

/// <summary>
/// Issue 17's corpus against every CLI entry point that reads a file: <c>data import</c> (lenient and --strict),
/// <c>backtest --csv</c> and <c>indicators --csv</c>. For each manifest line: the documented exit code, the field and
/// rule named on stderr, the rejection summary for an import that accepted nothing, no raw control character on the
/// terminal, no stack trace, and nothing written (the lakehouse version, the --out folder and its temporary sibling).
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class HostileCorpusCliTests(AzuriteFixture azurite) : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("tessera-corpus-cli-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private TestCli Cli() => new(new Dictionary<string, string?>
    {
        ["TESSERA_LOCAL_DIR"] = _dir,
        ["TESSERA_STORAGE_CONNECTION_STRING"] = azurite.ConnectionString,
    });

    [Fact]
    public void The_corpus_holds_at_least_60_hostile_inputs_and_the_manifest_lists_every_file()
    {
        var listed = HostileCorpus.All.Select(c => c.File).ToHashSet(StringComparer.Ordinal);
        Assert.True(listed.Count >= 60, $"{listed.Count} inputs");
        var committed = Directory.EnumerateFiles(HostileCorpus.Directory).Select(Path.GetFileName).Where(f => f != "manifest.tsv").ToHashSet(StringComparer.Ordinal);
        Assert.Empty(committed.Except(listed));
        Assert.DoesNotContain(HostileCorpus.All, c => !c.Generated && !committed.Contains(c.File));
        Assert.All(HostileCorpus.All.Where(c => c.Generated), c => Assert.NotEmpty(HostileCorpus.Generate(c.File)));
    }

    [Theory]
    [InlineData("import-lenient")]
    [InlineData("import-strict")]
    [InlineData("backtest-csv")]
    [InlineData("indicators-csv")]
    public async Task Every_corpus_input_gets_its_typed_error_and_writes_nothing(string entry)
    {
        var before = await LakehouseVersionAsync();
        var failures = new List<string>();
        var cases = HostileCorpus.For(entry).ToList();
        Assert.NotEmpty(cases);
        foreach (var c in cases)
        {
            var folder = Directory.CreateDirectory(Path.Combine(_dir, "case-" + Guid.NewGuid().ToString("N")[..8])).FullName;
            var input = HostileCorpus.WriteTo(c, folder);
            var output = Path.Combine(folder, "out");
            var cli = Cli();
            int code;
            try
            {
                code = entry switch
                {
                    "import-lenient" => await cli.RunAsync("data", "import", input),
                    "import-strict" => await cli.RunAsync("data", "import", input, "--strict"),
                    "backtest-csv" => await cli.RunAsync("backtest", "--strategy", "connors-rsi2", "--csv", input, "--out", output),
                    "indicators-csv" => await cli.RunAsync("indicators", "--csv", input, "--out", output),
                    _ => throw new ArgumentException("unknown entry point " + entry, nameof(entry)),
                };
            }
            catch (Exception ex)
            {
                failures.Add($"{c}: crashed with {ex.GetType().Name}: {ex.Message}");
                continue;
            }

            var problems = new List<string>();
            if (code != c.Expect)
            {
                problems.Add($"exit {code}, expected {c.Expect}");
            }

            if (!cli.Error.Contains($"field '{c.Field}'", StringComparison.Ordinal) || !cli.Error.Contains(c.Rule, StringComparison.Ordinal))
            {
                problems.Add($"stderr does not name field '{c.Field}' and rule '{c.Rule}'");
            }

            if (code == ExitCodes.NothingImported && !cli.Out.Contains("dropped rows by rule", StringComparison.Ordinal))
            {
                problems.Add("no rejection summary");
            }

            var shown = cli.Out + cli.Error;
            if (shown.Any(ch => TerminalText.IsUnsafe(ch, keepLineBreaks: true)))
            {
                problems.Add("a raw control character reached the terminal");
            }

            if (shown.Contains("   at ", StringComparison.Ordinal) || shown.Contains("Unhandled", StringComparison.Ordinal) || cli.Out.Contains("import ok", StringComparison.Ordinal))
            {
                problems.Add("stack trace or false success on the terminal");
            }

            if (Directory.EnumerateFileSystemEntries(folder).Any(p => Path.GetFileName(p) != c.File))
            {
                problems.Add("something was written next to the input: " + string.Join(", ", Directory.EnumerateFileSystemEntries(folder).Select(Path.GetFileName)));
            }

            if (problems.Count > 0)
            {
                failures.Add($"{c}: {string.Join("; ", problems)}\n  stderr: {cli.Error.Trim()}");
            }

            Directory.Delete(folder, recursive: true);
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.Equal(before, await LakehouseVersionAsync());
    }

    private async Task<int> LakehouseVersionAsync()
    {
        await using var store = await LocalStorage.OpenAsync(Cli().Context, null, CancellationToken.None);
        var lake = new Lakehouse(store.Blobs, TimeProvider.System);
        await lake.InitializeAsync();
        return (await lake.OpenSnapshotAsync()).Version;
    }
}
