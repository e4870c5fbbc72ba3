using System.Text.Json;
using Tessera.Core;
using Tessera.Core.Errors;
using Tessera.Core.LifeCycle;
using Tessera.Core.Portfolio.Allocation;
using Tessera.Orchestrations.Artifacts;
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
        Assert.Same(UniverseSource.Synthetic, p.Universe.Source);
        Assert.Equal([Side.Long, Side.Short], p.Recruitment.Directions);
        Assert.Equal([AtomLogic.Hold, AtomLogic.Parse("connors-rsi2", "logic")], p.Synthesis.Logics);
        Assert.True(p.Synthesis.Logics[0].IsHold);
        Assert.False(p.Synthesis.Logics[1].IsHold);
        Assert.Equal([Optimizer.EqualWeight, Optimizer.InverseVolatility], p.Optimization.Optimizers);
        Assert.Same(ChoicePolicy.MinVolatility, p.Optimization.Policy);
        Assert.Equal(0.1, p.Optimization.MaxWeight);

        var preferring = ProfileCatalog.Parse(Valid.Replace("policy: min_volatility", "policy: prefer:inverse_volatility", StringComparison.Ordinal), "t.yaml");
        Assert.Same(Optimizer.InverseVolatility, preferring.Optimization.Policy.Preferred);
        Assert.Same(UniverseSource.Lakehouse, ProfileCatalog.Parse(Valid.Replace("source: synthetic", "source: lakehouse", StringComparison.Ordinal), "t.yaml").Universe.Source);
    }

    [Fact]
    public void Typed_settings_are_written_in_the_profile_spelling_and_read_back()
    {
        // The manifest (ArtifactJson), the orchestration input (the Durable Task converter's defaults) and the local
        // run journal all serialize the profile: each must see the words the YAML used, and get the same types back.
        var p = ProfileCatalog.Parse(Valid.Replace("policy: min_volatility", "policy: prefer:inverse_volatility", StringComparison.Ordinal), "t.yaml");
        foreach (var options in new[] { ArtifactJson.Options, JsonSerializerOptions.Default })
        {
            var json = JsonSerializer.Serialize(p, options);
            Assert.Contains("\"synthetic\"", json, StringComparison.Ordinal);
            Assert.Contains("[\"LONG\",\"SHORT\"]", json.Replace(" ", string.Empty, StringComparison.Ordinal).Replace("\n", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
            Assert.Contains("\"connors-rsi2\"", json, StringComparison.Ordinal);
            Assert.Contains("\"inverse_volatility\"", json, StringComparison.Ordinal);
            Assert.Contains("\"prefer:inverse_volatility\"", json, StringComparison.Ordinal);
            var back = JsonSerializer.Deserialize<SleeveProfile>(json, options)!;
            Assert.Same(UniverseSource.Synthetic, back.Universe.Source);
            Assert.Equal(p.Recruitment.Directions, back.Recruitment.Directions);
            Assert.Equal(p.Synthesis.Logics, back.Synthesis.Logics);
            Assert.Equal(p.Optimization.Optimizers, back.Optimization.Optimizers);
            Assert.Equal(p.Optimization.Policy, back.Optimization.Policy);
        }

        var manifestForm = JsonSerializer.Serialize(p.Optimization, ArtifactJson.Options);
        Assert.Equal(
            "{\n  \"optimizers\": [\n    \"equal_weight\",\n    \"inverse_volatility\"\n  ],\n  \"policy\": \"prefer:inverse_volatility\",\n  \"max_weight\": 0.1\n}",
            manifestForm.Replace("\r\n", "\n", StringComparison.Ordinal));
    }

    [Fact]
    public void Rule_messages_name_what_is_known()
    {
        var optimizer = Assert.Throws<TesseraValidationException>(() => ProfileCatalog.Parse(Valid.Replace("[equal_weight, inverse_volatility]", "[equal_weight, magic]", StringComparison.Ordinal), "bad.yaml"));
        Assert.Equal("magic", optimizer.Value);
        Assert.Equal("unknown optimizer; known: equal_weight, erc, herc, hrp, inverse_volatility, max_sharpe, min_variance", optimizer.Rule);
        var policy = Assert.Throws<TesseraValidationException>(() => ProfileCatalog.Parse(Valid.Replace("policy: min_volatility", "policy: prefer:hrp", StringComparison.Ordinal), "bad.yaml"));
        Assert.Equal("prefer:hrp", policy.Value);
        Assert.Equal("must be 'min_volatility' or 'prefer:<one of the listed optimizers>'", policy.Rule);
        var direction = Assert.Throws<TesseraValidationException>(() => ProfileCatalog.Parse(Valid.Replace("[LONG, SHORT]", "[LONG, FLAT]", StringComparison.Ordinal), "bad.yaml"));
        Assert.Equal("FLAT", direction.Value);
        Assert.Equal("each direction must be LONG or SHORT", direction.Rule);
        var logic = Assert.Throws<TesseraValidationException>(() => ProfileCatalog.Parse(Valid.Replace("[hold, connors-rsi2]", "[hold, astrology]", StringComparison.Ordinal), "bad.yaml"));
        Assert.StartsWith("unknown logic; known: hold, adx-regime, connors-rsi2, ", logic.Rule, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("top_n: 15", "top_n: 10", "selection.top_n")]
    [InlineData("[equal_weight, inverse_volatility]", "[equal_weight]", "optimization.optimizers")]
    [InlineData("[equal_weight, inverse_volatility]", "[equal_weight, magic]", "optimization.optimizers")]
    [InlineData("[equal_weight, inverse_volatility]", "[hrp, hrp]", "optimization.optimizers")]
    [InlineData("[hold, connors-rsi2]", "[hold, astrology]", "synthesis.logics")]
    [InlineData("[hold, connors-rsi2]", "[hold, hold]", "synthesis.logics")]
    [InlineData("policy: min_volatility", "policy: prefer:magic", "optimization.policy")]
    [InlineData("policy: min_volatility", "policy: prefer:hrp", "optimization.policy")]
    [InlineData("policy: min_volatility", "policy: max_sharpe", "optimization.policy")]
    [InlineData("[LONG, SHORT]", "[LONG, sideways]", "recruitment.directions")]
    [InlineData("[LONG, SHORT]", "[long]", "recruitment.directions")]
    [InlineData("[LONG, SHORT]", "[FLAT]", "recruitment.directions")]
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

    [Fact]
    public void The_regime_model_and_its_exposure_map_are_typed_and_complete()
    {
        var hmm = ProfileCatalog.Parse(Valid.Replace(
            "regime: { short_window_days: 21, long_window_days: 126 }",
            "regime: { short_window_days: 21, long_window_days: 126, model: hmm, hmm: { states: 3, restarts: 2, seed: 9 }, exposure: { bull: 1, neutral: 0.7, bear: 0.3 } }",
            StringComparison.Ordinal), "t.yaml");
        Assert.Equal(new HmmRegimeSettings(3, 2, 9), hmm.Regime.Hmm);
        Assert.Equal(0.3, hmm.Regime.Exposure!["bear"]);

        var plain = ProfileCatalog.Parse(Valid, "t.yaml");
        Assert.Null(plain.Regime.Hmm);
        Assert.Null(plain.Regime.Exposure);
        // Profiles without the new fields serialize as before (manifests byte for byte).
        var json = JsonSerializer.Serialize(plain.Regime, ArtifactJson.Options);
        Assert.DoesNotContain("hmm", json, StringComparison.Ordinal);
        Assert.DoesNotContain("exposure", json, StringComparison.Ordinal);
        Assert.Contains("\"long_window_days\": 126", json, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("model: markov", "regime.model")]
    [InlineData("model: hmm", "regime.hmm")]
    [InlineData("model: hmm, hmm: { states: 4, restarts: 2, seed: 1 }", "regime.hmm.states")]
    [InlineData("exposure: { calm: 1, heating: 1, stress: 0.5 }", "regime.exposure")]
    [InlineData("exposure: { calm: 1, heating: 1, stress: 0.5, recovery: 0.5, bull: 1 }", "regime.exposure.bull")]
    [InlineData("exposure: { calm: 1, heating: 1, stress: 0, recovery: 0.5 }", "regime.exposure.stress")]
    [InlineData("model: hmm, hmm: { states: 3, restarts: 2, seed: 1 }, exposure: { calm: 1, heating: 1, stress: 0.5, recovery: 0.5 }", "regime.exposure")]
    public void Bad_regime_settings_name_the_field(string extra, string field)
    {
        var yaml = Valid.Replace("regime: { short_window_days: 21, long_window_days: 126 }", "regime: { short_window_days: 21, long_window_days: 126, " + extra + " }", StringComparison.Ordinal);
        var ex = Assert.Throws<TesseraValidationException>(() => ProfileCatalog.Parse(yaml, "t.yaml"));
        Assert.StartsWith(field, ex.Field, StringComparison.Ordinal);
    }
}
