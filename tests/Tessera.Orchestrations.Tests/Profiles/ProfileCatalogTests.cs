using Tessera.Core.Errors;
using Tessera.Orchestrations.Profiles;
using Xunit;

namespace Tessera.Orchestrations.Tests.Profiles;

public sealed class ProfileCatalogTests
{
    private const string Valid = """
        name: t
        description: test
        universe: { source: synthetic, symbols: 20, days: 300, seed: 1, sectors: 2 }
        recruitment: { min_history_days: 100, directions: [LONG, SHORT] }
        selection: { top_n: 15, momentum_lookback_days: 252, momentum_skip_days: 21 }
        synthesis: { logics: [hold, connors-rsi2] }
        regime: { short_window_days: 21, long_window_days: 126 }
        optimization: { optimizers: [equal_weight, inverse_volatility], policy: min_volatility, max_weight: 0.1 }
        validation: { train_days: 126, test_days: 21 }
        """;

    [Fact]
    public void The_shipped_profiles_load_and_validate()
    {
        var catalog = new ProfileCatalog(RepositoryPaths.Profiles);
        Assert.Contains("default", catalog.Names());
        foreach (var name in catalog.Names())
        {
            var profile = catalog.Get(name);
            Assert.Equal(name, profile.Name);
            Assert.True(profile.Selection.TopN >= SelectionSettings.MinimumCandidates);
            Assert.True(profile.Optimization.Optimizers.Count >= 2);
        }
    }

    [Fact]
    public void Unknown_profile_names_the_profiles_that_exist()
    {
        var ex = Assert.Throws<UnknownProfileException>(() => new ProfileCatalog(RepositoryPaths.Profiles).Get("nope"));
        Assert.Equal("profile", ex.Field);
        Assert.Contains("default", ex.Message, StringComparison.Ordinal);
        Assert.Contains("compact", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_valid_document_parses_to_typed_settings()
    {
        var p = ProfileCatalog.Parse(Valid, "t.yaml");
        Assert.Equal(20, p.Universe.Symbols);
        Assert.Equal(1UL, p.Universe.Seed);
        Assert.Equal(["LONG", "SHORT"], p.Recruitment.Directions);
        Assert.Equal(0.1, p.Optimization.MaxWeight);
    }

    [Theory]
    [InlineData("top_n: 15", "top_n: 10", "selection.top_n")]
    [InlineData("[equal_weight, inverse_volatility]", "[equal_weight]", "optimization.optimizers")]
    [InlineData("[equal_weight, inverse_volatility]", "[equal_weight, magic]", "optimization.optimizers")]
    [InlineData("[equal_weight, inverse_volatility]", "[hrp, hrp]", "optimization.optimizers")]
    [InlineData("[hold, connors-rsi2]", "[hold, astrology]", "synthesis.logics")]
    [InlineData("[hold, connors-rsi2]", "[hold, hold]", "synthesis.logics")]
    [InlineData("policy: min_volatility", "policy: prefer:magic", "optimization.policy")]
    [InlineData("[LONG, SHORT]", "[LONG, sideways]", "recruitment.directions")]
    [InlineData("seed: 1", "seed: one", "universe.seed")]
    [InlineData("max_weight: 0.1", "max_weight: .nan", "optimization.max_weight")]
    [InlineData("max_weight: 0.1", "max_weight: 0.05", "optimization.max_weight")]
    [InlineData("source: synthetic", "source: ftp", "universe.source")]
    [InlineData("short_window_days: 21", "short_window_days: 200", "regime.short_window_days")]
    [InlineData("description: test\n", "", "description")]
    [InlineData("train_days: 126", "train_days: 290", "validation.train_days")]
    public void Each_rule_violation_names_its_field(string from, string to, string field)
    {
        var ex = Assert.Throws<TesseraValidationException>(() => ProfileCatalog.Parse(Valid.Replace(from, to, StringComparison.Ordinal), "bad.yaml"));
        Assert.Equal(field, ex.Field);
        Assert.Equal("bad.yaml", ex.Location);
    }

    [Fact]
    public void Malformed_yaml_is_a_validation_error()
    {
        var ex = Assert.Throws<TesseraValidationException>(() => ProfileCatalog.Parse("name: [unclosed", "x.yaml"));
        Assert.Equal("profile", ex.Field);
    }
}
