using System.Text;
using Tessera.Core.Errors;
using Tessera.Orchestrations.Profiles;
using Tessera.Orchestrations.Research;
using Tessera.Orchestrations.Research.Valuation;
using Tessera.Testing;
using Xunit;

namespace Tessera.Orchestrations.Tests.Profiles;

/// <summary>Issue 17 items 1 and 8 for YAML: every configuration file reads through the one bounded loader.</summary>
public sealed class ProfileHardeningTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("tessera-profile-hardening-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string Compact => File.ReadAllText(Path.Combine(RepositoryPaths.Profiles, "compact.yaml"));

    private TesseraValidationException GetFails(string name, string text)
    {
        File.WriteAllText(Path.Combine(_dir, name + ".yaml"), text);
        return Assert.ThrowsAny<TesseraValidationException>(() => new ProfileCatalog(_dir).Get(name));
    }

    [Fact]
    public void Hardening_item_1_a_profile_nested_20000_deep_is_a_typed_error_naming_file_limit_and_rule()
    {
        // 20,000 levels in 40 KB: under the size bound, so the depth bound is what refuses it.
        var ex = GetFails("deep", "name: deep\nx: " + new string('[', 20_000) + new string(']', 20_000) + "\n");
        Assert.Equal("nesting is at most 32 levels", ex.Rule);
        Assert.StartsWith(Path.Combine(_dir, "deep.yaml") + ":2", ex.Location, StringComparison.Ordinal);
        Assert.Contains("depth > 32", ex.Message, StringComparison.Ordinal);

        // The campaign's own input (x: {a: {a: ... 20,000 deep) is 80 KB: the size bound refuses it before parsing.
        var campaign = new StringBuilder("name: campaign\nx: ");
        for (var i = 0; i < 20_000; i++)
        {
            campaign.Append("{a: ");
        }

        campaign.Append('1').Append('}', 20_000).Append('\n');
        Assert.Equal("a sleeve profile is at most 65536 bytes", GetFails("campaign", campaign.ToString()).Rule);

        var block = GetFails("block", "name: block\nx:\n" + new StringBuilder().Insert(0, "- ", 20_000) + "x\n");
        Assert.Equal("nesting is at most 32 levels", block.Rule);
    }

    [Fact]
    public void Hardening_item_1_the_size_is_checked_before_the_file_is_read()
    {
        var ex = GetFails("big", Compact.Replace("name: compact", "name: big", StringComparison.Ordinal) + "#" + new string('x', 70_000) + "\n");
        Assert.Equal("profile", ex.Field);
        Assert.Equal("a sleeve profile is at most 65536 bytes", ex.Rule);
        Assert.Equal(Path.Combine(_dir, "big.yaml"), ex.Location);
    }

    [Fact]
    public void Hardening_item_1_research_and_valuation_configurations_are_bounded_too()
    {
        var deep = "regime: " + new string('[', 20_000) + new string(']', 20_000) + "\n";
        Assert.Equal("nesting is at most 32 levels", Assert.ThrowsAny<TesseraValidationException>(() => ResearchConfiguration.Parse(deep, "research.yaml")).Rule);
        Assert.Equal("nesting is at most 32 levels", Assert.ThrowsAny<TesseraValidationException>(() => DcfConfiguration.Parse(deep, "valuation.yaml")).Rule);
    }

    [Theory]
    [InlineData("  seed: 7\n", "  seed: 7\n  colour: red\n", "universe.colour")]
    [InlineData("validation:\n", "risk_appetite: high\nvalidation:\n", "risk_appetite")]
    [InlineData("  top_n: 15\n", "  top_nn: 15\n  top_n: 15\n", "selection.top_nn")]
    [InlineData("  max_weight: 0.15\n", "  max_weight: 0.15\n  constraints:\n    beta_band: 0.1\n    sector_capp: 0.3\n", "optimization.constraints.sector_capp")]
    public void Hardening_item_8_an_unknown_profile_field_is_refused_naming_its_path(string find, string replace, string field)
    {
        var ex = GetFails("compact", Compact.Replace(find, replace, StringComparison.Ordinal));
        Assert.Equal(field, ex.Field);
        Assert.StartsWith(ProfileCatalog.UnknownFieldRule, ex.Rule, StringComparison.Ordinal);
        Assert.Contains("known here:", ex.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_shipped_profile_still_loads()
    {
        var catalog = new ProfileCatalog(RepositoryPaths.Profiles);
        foreach (var name in catalog.Names())
        {
            Assert.Equal(name, catalog.Get(name).Name);
        }
    }

    [Theory]
    [InlineData("name: [unclosed\nuniverse: {\n")]
    [InlineData("name: {a: [1, 2}\n")]
    [InlineData("a:\n  - b\n c: d\n")]
    public void Invalid_yaml_is_a_typed_error_never_an_internal_one(string text)
    {
        var ex = GetFails("broken", text);
        Assert.Equal("profile", ex.Field);
        Assert.StartsWith("not valid YAML", ex.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void Aliases_and_duplicate_keys_are_refused_in_profiles()
    {
        Assert.Contains("aliases are not allowed", GetFails("alias", "name: alias\na: &x [1]\nb: *x\n").Rule, StringComparison.Ordinal);
        Assert.Equal("universe.seed", GetFails("compact", Compact.Replace("  seed: 7\n", "  seed: 7\n  seed: 8\n", StringComparison.Ordinal)).Field);
    }
}
