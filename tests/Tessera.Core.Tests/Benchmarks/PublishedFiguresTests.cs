using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Xunit;

namespace Tessera.Core.Tests.Benchmarks;

/// <summary>
/// Guard for the published benchmark figures (issue 18): every page under docs/benchmarks names its command and its
/// data, the index lists every page, and every row of a peer or cold-start table names the machine-readable results
/// entry it was copied from (bench/peers/results, bench/coldstart/results, bench/backtest/results), which must exist and hold the same figures.
/// No timing is asserted: a figure may be anything, but it must be traceable to a command, data and a results file.
/// </summary>
public sealed partial class PublishedFiguresTests
{
    private static readonly string Root = FindRoot();

    public static TheoryData<string> Pages()
    {
        var data = new TheoryData<string>();
        foreach (var f in Directory.GetFiles(Path.Combine(Root, "docs", "benchmarks"), "*.md").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(f));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public void Every_page_names_its_command_and_its_data(string page)
    {
        var text = File.ReadAllText(Path.Combine(Root, "docs", "benchmarks", page));
        Assert.True(CommandLine().IsMatch(text), $"docs/benchmarks/{page} has no 'Command' line naming how its figures were measured");
        Assert.True(DataLine().IsMatch(text), $"docs/benchmarks/{page} has no 'Data:' line naming what its figures were measured on");
    }

    [Fact]
    public void The_index_lists_every_page_and_every_listed_page_exists()
    {
        var index = File.ReadAllText(Path.Combine(Root, "docs", "BENCHMARKS.md"));
        var linked = IndexLink().Matches(index).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
        foreach (var link in linked)
        {
            Assert.True(File.Exists(Path.Combine(Root, "docs", "benchmarks", link)), $"docs/BENCHMARKS.md links benchmarks/{link}, which does not exist");
        }

        foreach (var page in Directory.GetFiles(Path.Combine(Root, "docs", "benchmarks"), "*.md"))
        {
            Assert.Contains(Path.GetFileName(page), linked);
        }
    }

    [Fact]
    public void Every_results_reference_exists_and_holds_the_published_figures()
    {
        var checkedRows = 0;
        foreach (var page in Directory.GetFiles(Path.Combine(Root, "docs", "benchmarks"), "*.md"))
        {
            foreach (var line in File.ReadLines(page))
            {
                var m = ResultsReference().Match(line);
                if (!line.StartsWith('|') || !m.Success)
                {
                    continue;
                }

                var file = Path.Combine(Root, m.Groups["file"].Value);
                Assert.True(File.Exists(file), $"{Path.GetFileName(page)} cites {m.Groups["file"].Value}, which is not in the repository");
                using var doc = JsonDocument.Parse(File.ReadAllText(file));
                // A file of one run (bench/backtest/results) is cited whole: its figures are top-level numbers.
                var entry = m.Groups["entry"].Success ? Find(doc.RootElement, m.Groups["entry"].Value) : doc.RootElement;
                Assert.True(entry.HasValue, $"{m.Groups["file"].Value} has no entry '{m.Groups["entry"].Value}' cited by {Path.GetFileName(page)}");

                // Each cited figure is written `name=value` (the entry's own unit) in the row's results cell; it must
                // equal the entry's value rounded the way it is printed.
                foreach (Match f in CitedFigure().Matches(m.Groups["figures"].Value))
                {
                    var name = f.Groups["name"].Value;
                    var printed = f.Groups["value"].Value;
                    Assert.True(entry!.Value.TryGetProperty(name, out var actual) && actual.ValueKind == JsonValueKind.Number, $"{m.Groups["file"].Value}#{m.Groups["entry"].Value} has no number '{name}'");
                    var decimals = printed.Contains('.', StringComparison.Ordinal) ? printed.Length - printed.IndexOf('.', StringComparison.Ordinal) - 1 : 0;
                    Assert.Equal(printed, Math.Round(actual.GetDouble(), decimals, MidpointRounding.AwayFromZero).ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture));
                }

                checkedRows++;
            }
        }

        Assert.True(checkedRows > 0, "no table row cites a results file (docs/benchmarks/peers.md should)");
    }

    /// <summary>Entry "lw" = the row whose workload is lw; "indicators/node" adds its peer; cold-start entries match their label.</summary>
    private static JsonElement? Find(JsonElement root, string entry)
    {
        var parts = entry.Split('/');
        var collection = root.TryGetProperty("rows", out var rows) ? rows : root.GetProperty("runs");
        foreach (var row in collection.EnumerateArray())
        {
            var key = row.TryGetProperty("workload", out var w) ? w.GetString() : row.GetProperty("label").GetString();
            if (!string.Equals(key, parts[0], StringComparison.Ordinal))
            {
                continue;
            }

            if (parts.Length == 1 || (row.TryGetProperty("peer", out var peer) && string.Equals(peer.GetString(), parts[1], StringComparison.Ordinal)))
            {
                return row;
            }
        }

        return null;
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "FunctionApp.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("repository root (FunctionApp.sln) not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"(?im)^\s*(?:[-*]\s*)?(?:#+\s*)?\**Command\b")]
    private static partial Regex CommandLine();

    [GeneratedRegex(@"(?im)^\s*(?:[-*]\s*)?\**Data\**\s*:")]
    private static partial Regex DataLine();

    [GeneratedRegex(@"\]\(benchmarks/([^)#]+\.md)\)")]
    private static partial Regex IndexLink();

    [GeneratedRegex(@"`(?<file>bench/(?:peers|coldstart|backtest)/results/[^`#]+\.json)(?:#(?<entry>[^`]+))?`(?<figures>(?:\s+\w+=[-0-9.]+)*)")]
    private static partial Regex ResultsReference();

    [GeneratedRegex(@"(?<name>\w+)=(?<value>-?[0-9.]+)")]
    private static partial Regex CitedFigure();
}
