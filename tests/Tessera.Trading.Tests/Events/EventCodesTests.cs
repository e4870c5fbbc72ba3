using System.Text.RegularExpressions;
using Tessera.Testing;
using Tessera.Trading.Events;
using Xunit;

namespace Tessera.Trading.Tests.Events;

public sealed class EventCodesTests
{
    [Fact]
    public void The_seed_codes_are_exactly_the_sixteen_of_seed_000_section_5_4_in_order()
    {
        var seeds = Path.Combine(RepositoryPaths.Root(), "..", "shared", "seeds");
        var text = File.ReadAllText(Directory.GetFiles(seeds, "000_*.txt").Single());
        var section = text[text.IndexOf("### 5.4", StringComparison.Ordinal)..text.IndexOf("### 5.5", StringComparison.Ordinal)];
        var codes = Regex.Matches(section, @"^\| `(?<code>[A-Z_]+)` \|", RegexOptions.Multiline | RegexOptions.ExplicitCapture, TimeSpan.FromSeconds(1)).Select(m => m.Groups["code"].Value).ToList();

        Assert.Equal(16, codes.Count);
        Assert.Equal(codes, EventCodes.SeedCodes);
    }

    [Fact]
    public void Codes_are_unique_upper_snake_case_and_the_order_path_ones_include_the_issues_examples()
    {
        Assert.Equal(EventCodes.All.Count, EventCodes.All.Distinct(StringComparer.Ordinal).Count());
        Assert.All(EventCodes.All, code => Assert.Matches("^[A-Z][A-Z0-9_]*$", code));
        Assert.Contains(EventCodes.OrderSubmitted, EventCodes.OrderPathCodes);
        Assert.Contains(EventCodes.OrderFilled, EventCodes.OrderPathCodes);
        Assert.Contains(EventCodes.OrderVetoed, EventCodes.OrderPathCodes);
        Assert.Contains(EventCodes.ManualHalt, EventCodes.OrderPathCodes);
        Assert.Contains(EventCodes.TradingResumed, EventCodes.OrderPathCodes);
    }

    [Fact]
    public void Every_code_and_every_extended_field_is_documented_in_docs_EVENTS_md()
    {
        var doc = File.ReadAllText(Path.Combine(RepositoryPaths.Root(), "docs", "EVENTS.md"));
        var fields = typeof(EventFields).GetFields().Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!).ToList();

        Assert.All(EventCodes.All, code => Assert.Contains("`" + code + "`", doc, StringComparison.Ordinal));
        Assert.All(fields, field => Assert.Contains("`" + field + "`", doc, StringComparison.Ordinal));
    }
}
