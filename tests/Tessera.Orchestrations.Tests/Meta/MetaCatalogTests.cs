using Tessera.Core;
using Tessera.Core.Errors;
using Tessera.Core.Portfolio.Allocation;
using Tessera.Orchestrations.Meta;
using Tessera.Orchestrations.Profiles;
using Tessera.Testing;
using Xunit;

namespace Tessera.Orchestrations.Tests.Meta;

/// <summary>Meta profiles: the shipped ones resolve; bad ones get typed errors naming the field before anything runs.</summary>
public sealed class MetaCatalogTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("tessera-metas-").FullName;

    private MetaCatalog Catalog() => new(_dir, new ProfileCatalog(RepositoryPaths.Profiles));

    private void Write(string name, string yaml) => File.WriteAllText(Path.Combine(_dir, name + ".yaml"), yaml);

    private static string Meta(string name, string sleeves, string extra = "") =>
        $"name: {name}\ndescription: test\n{extra}sleeves:\n{sleeves}";

    private const string TwoSleeves = "  - {name: a, side: LONG, profile: us_long_top15}\n  - {name: b, side: SHORT, profile: us_short_bottom15}\n";

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void A_meta_profile_nested_too_deep_is_refused_before_the_recursive_yaml_loader_runs()
    {
        // 20,000 levels (40 KB, under the size limit): YamlStream alone would overflow the stack (issue 17 item 1).
        var deep = "name: m\nx: " + new string('[', 20_000) + new string(']', 20_000) + "\n";
        var e = Assert.Throws<Tessera.Core.Errors.TesseraValidationException>(() => MetaCatalog.Parse(deep, "deep.yaml"));
        Assert.Contains("deep", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_shipped_metas_resolve_with_defaults_caps_and_recursion()
    {
        var catalog = MetaCatalog.Beside(new ProfileCatalog(RepositoryPaths.Profiles));
        Assert.Equal(["us_core_hedged", "us_long_short"], catalog.Names());
        var plan = catalog.Resolve("us_long_short");
        Assert.Equal(Optimizer.Erc, plan.Optimizer);
        Assert.Equal([Side.Long, Side.Long, Side.Short, Side.Short], plan.Sleeves.Select(s => s.Side));
        Assert.All(plan.Sleeves, s => Assert.Equal(0.4, s.Cap));
        Assert.Equal("us_short_bottom15", plan.Sleeves[2].Profile!.Name);
        var nested = catalog.Resolve("us_core_hedged");
        Assert.Equal(Optimizer.MinVariance, nested.Optimizer);
        Assert.Equal("us_long_short", nested.Sleeves[0].Meta!.Name);
        Assert.Equal(4, nested.Sleeves[0].Meta!.Sleeves.Count);
        Assert.Equal(1.0, nested.Sleeves[1].Cap); // max_sleeve_weight defaults to 1
    }

    [Fact]
    public void Defaults_are_risk_parity_no_caps_and_no_single_sleeve()
    {
        var meta = MetaCatalog.Parse(Meta("m", TwoSleeves), "m.yaml");
        Assert.Equal(Optimizer.Erc, meta.Optimizer);
        Assert.Equal(1.0, meta.MaxSleeveWeight);
        Assert.Equal(1.0, meta.MaxAssetWeight);
        Assert.False(meta.AllowSingleSleeve);
        Assert.Equal(SleeveSource.Profile, meta.Sleeves[0].Source);
        var one = MetaCatalog.Parse(Meta("m", "  - {name: a, side: LONG, run_id: some-run}\n", "allow_single_sleeve: true\n"), "m.yaml");
        Assert.Equal(SleeveSource.Pinned, one.Sleeves[0].Source);
        Assert.Equal("some-run", one.Sleeves[0].Reference);
    }

    [Fact]
    public void An_unknown_sleeve_profile_or_meta_is_a_typed_error_naming_the_sleeve()
    {
        Write("m", Meta("m", "  - {name: a, side: LONG, profile: no_such_profile}\n  - {name: b, side: SHORT, profile: us_short_bottom15}\n"));
        var e = Assert.Throws<UnknownSleeveException>(() => Catalog().Resolve("m"));
        Assert.Equal("sleeves[0].profile", e.Field);
        Assert.Equal("no_such_profile", e.Value);
        Write("n", Meta("n", "  - {name: a, side: LONG, meta: no_such_meta}\n  - {name: b, side: SHORT, profile: us_short_bottom15}\n"));
        Assert.Equal("sleeves[0].meta", Assert.Throws<UnknownSleeveException>(() => Catalog().Resolve("n")).Field);
        Assert.Equal("meta", Assert.Throws<TesseraValidationException>(() => Catalog().Resolve("absent")).Field);
    }

    [Fact]
    public void A_meta_containing_itself_directly_or_through_another_is_refused_with_the_cycle()
    {
        Write("self", Meta("self", "  - {name: a, side: LONG, meta: self}\n  - {name: b, side: SHORT, profile: us_short_bottom15}\n"));
        Assert.Equal(["self", "self"], Assert.Throws<MetaCycleException>(() => Catalog().Resolve("self")).Cycle);
        Write("x", Meta("x", "  - {name: a, side: LONG, meta: y}\n  - {name: b, side: SHORT, profile: us_short_bottom15}\n"));
        Write("y", Meta("y", "  - {name: a, side: LONG, meta: z}\n  - {name: b, side: SHORT, profile: us_short_bottom15}\n"));
        Write("z", Meta("z", "  - {name: a, side: LONG, meta: x}\n  - {name: b, side: SHORT, profile: us_short_bottom15}\n"));
        var e = Assert.Throws<MetaCycleException>(() => Catalog().Resolve("x"));
        Assert.Equal(["x", "y", "z", "x"], e.Cycle);
        Assert.Contains("x -> y -> z -> x", e.Message, StringComparison.Ordinal);
        // A diamond (two sleeves reaching one meta) is not a cycle.
        Write("leaf", Meta("leaf", TwoSleeves));
        Write("mid", Meta("mid", "  - {name: a, side: LONG, meta: leaf}\n  - {name: b, side: SHORT, profile: us_short_bottom15}\n"));
        Write("top", Meta("top", "  - {name: a, side: LONG, meta: leaf}\n  - {name: b, side: SHORT, meta: mid}\n"));
        Assert.Equal(2, Catalog().Resolve("top").Sleeves.Count);
    }

    [Theory]
    [InlineData("  - {name: a, side: LONG, profile: us_long_top15}\n  - {name: a, side: SHORT, profile: us_short_bottom15}\n", "sleeves[1].name")]
    [InlineData("  - {name: a, side: LONG, profile: us_long_top15}\n  - {name: b, side: LONG, profile: us_long_top15}\n", "sleeves[1].profile")]
    [InlineData("  - {name: a, side: LONG, run_id: r1}\n  - {name: b, side: SHORT, run_id: r1}\n", "sleeves[1].run_id")]
    public void Duplicate_sleeves_are_refused(string sleeves, string field)
    {
        var e = Assert.Throws<DuplicateSleeveException>(() => MetaCatalog.Parse(Meta("m", sleeves), "m.yaml"));
        Assert.Equal(field, e.Field);
        Assert.Equal("m.yaml", e.Location);
    }

    [Theory]
    [InlineData("  - {name: a, side: LONG, profile: us_long_top15, max_weight: 0}\n  - {name: b, side: SHORT, profile: us_short_bottom15}\n", "", "sleeves[0].max_weight")]
    [InlineData("  - {name: a, side: LONG, profile: us_long_top15, max_weight: 1.5}\n  - {name: b, side: SHORT, profile: us_short_bottom15}\n", "", "sleeves[0].max_weight")]
    [InlineData("  - {name: a, side: LONG, profile: us_long_top15, max_weight: lots}\n  - {name: b, side: SHORT, profile: us_short_bottom15}\n", "", "sleeves[0].max_weight")]
    [InlineData(TwoSleeves, "max_sleeve_weight: 0.4\n", "max_sleeve_weight")] // 0.4 + 0.4 < 1: cannot be fully invested
    [InlineData(TwoSleeves, "max_asset_weight: -0.1\n", "max_asset_weight")]
    [InlineData(TwoSleeves, "optimizer: magic\n", "optimizer")]
    [InlineData(TwoSleeves, "allow_single_sleeve: maybe\n", "allow_single_sleeve")]
    [InlineData(TwoSleeves, "leverage: 2\n", "leverage")]
    [InlineData("  - {name: a, side: LONG, profile: us_long_top15}\n", "", "sleeves")]
    [InlineData("  - {name: a, side: FLAT, profile: us_long_top15}\n  - {name: b, side: SHORT, profile: us_short_bottom15}\n", "", "sleeves[0].side")]
    [InlineData("  - {name: A, side: LONG, profile: us_long_top15}\n  - {name: b, side: SHORT, profile: us_short_bottom15}\n", "", "sleeves[0].name")]
    [InlineData("  - {name: a, side: LONG, profile: us_long_top15, run_id: r1}\n  - {name: b, side: SHORT, profile: us_short_bottom15}\n", "", "sleeves[0].profile")]
    [InlineData("  - {name: a, side: LONG, run_id: BAD}\n  - {name: b, side: SHORT, profile: us_short_bottom15}\n", "", "sleeves[0].run_id")]
    [InlineData("  - {name: a, side: LONG, profile: us_long_top15, weight: 0.5}\n  - {name: b, side: SHORT, profile: us_short_bottom15}\n", "", "sleeves[0].weight")]
    public void Bad_weights_caps_and_fields_are_typed_errors_naming_the_field(string sleeves, string extra, string field)
    {
        var e = Assert.Throws<TesseraValidationException>(() => MetaCatalog.Parse(Meta("m", sleeves, extra), "m.yaml"));
        Assert.Equal(field, e.Field);
    }

    [Fact]
    public void The_name_must_match_the_file_and_malformed_yaml_is_refused()
    {
        Write("m", Meta("other", TwoSleeves));
        Assert.Equal("name", Assert.Throws<TesseraValidationException>(() => Catalog().Get("m")).Field);
        Assert.Equal("meta", Assert.Throws<TesseraValidationException>(() => MetaCatalog.Parse("name: [unclosed", "m.yaml")).Field);
        Assert.Equal("sleeves", Assert.Throws<TesseraValidationException>(() => MetaCatalog.Parse("name: m\ndescription: d\nsleeves: []\n", "m.yaml")).Field);
    }

    [Fact]
    public void Sleeve_run_ids_derive_from_the_meta_run_id_and_stay_valid_when_long()
    {
        Assert.Equal("run1-long_top15", SleeveRunIds.Of("run1", "long_top15"));
        var longId = new string('r', 60);
        var a = SleeveRunIds.Of(longId, "long_top15");
        var b = SleeveRunIds.Of(longId, "long_top16");
        Assert.True(a.Length <= 64 && b.Length <= 64);
        Assert.NotEqual(a, b);
        Assert.Equal(a, SleeveRunIds.Of(longId, "long_top15"));
    }
}
