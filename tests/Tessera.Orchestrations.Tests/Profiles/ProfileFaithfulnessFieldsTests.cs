using System.Text.Json;
using Tessera.Core.Contracts;
using Tessera.Core.Errors;
using Tessera.Core.Validation;
using Tessera.Orchestrations.Artifacts;
using Tessera.Orchestrations.Profiles;
using Tessera.Testing;
using Xunit;

namespace Tessera.Orchestrations.Tests.Profiles;

/// <summary>
/// The optional profile fields of issue 16's faithfulness fixes: optimization.estimator, optimization.constraints,
/// validation.purged_cv and contracts. Absent, they change nothing (today's behaviour, manifests byte for byte).
/// </summary>
public sealed class ProfileFaithfulnessFieldsTests
{
    private const string Valid = """
        name: t
        description: test
        universe: { source: synthetic, symbols: 20, days: 300, seed: 1, sectors: 2 }
        recruitment: { min_history_days: 100, directions: [LONG] }
        selection: { top_n: 15, momentum_lookback_days: 252, momentum_skip_days: 21 }
        synthesis: { logics: [hold] }
        regime: { short_window_days: 21, long_window_days: 126 }
        optimization: { optimizers: [equal_weight, inverse_volatility], policy: min_volatility, max_weight: 0.1 }
        validation: { train_days: 126, test_days: 21 }
        """;

    private static string With(string optimization = "", string validation = "", string tail = "") =>
        Valid.Replace("max_weight: 0.1 }", "max_weight: 0.1" + optimization + " }", StringComparison.Ordinal)
             .Replace("test_days: 21 }", "test_days: 21" + validation + " }", StringComparison.Ordinal) + "\n" + tail;

    [Fact]
    public void Absent_fields_keep_todays_behaviour_and_are_not_written()
    {
        var p = ProfileCatalog.Parse(Valid, "t.yaml");
        Assert.Null(p.Optimization.Estimator);
        Assert.Equal("sample", p.Optimization.EstimatorName);
        Assert.Null(p.Optimization.Constraints);
        Assert.Null(p.Validation.PurgedCv);
        Assert.Null(p.Contracts);
        var json = JsonSerializer.Serialize(p, ArtifactJson.Options);
        foreach (var field in new[] { "estimator", "constraints", "purged_cv", "contracts" })
        {
            Assert.DoesNotContain(field, json, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Estimator_constraints_purged_cv_and_contracts_parse_to_typed_settings_and_round_trip()
    {
        var p = ProfileCatalog.Parse(
            With(", estimator: lw, constraints: { beta_band: 0.15, sector_cap: 0.4, adv_fraction: 0.01, capital: 5e7 }", ", purged_cv: { folds: 4, label_horizon: 3, gap: 7, embargo: 0.02 }", "contracts: { mode: lenient }\n"),
            "t.yaml");
        Assert.Equal("lw", p.Optimization.Estimator);
        Assert.Equal(new ConstraintSettings(0.15, 0.4, 0.01, 5e7), p.Optimization.Constraints);
        Assert.Equal(new PurgedCvSettings(4, 3, 7, 0.02), p.Validation.PurgedCv);
        Assert.Equal(ContractMode.Lenient, p.Contracts!.Mode);
        var back = JsonSerializer.Deserialize<SleeveProfile>(JsonSerializer.Serialize(p, ArtifactJson.Options), ArtifactJson.Options)!;
        Assert.Equal(p.Optimization.Constraints, back.Optimization.Constraints);
        Assert.Equal(p.Validation.PurgedCv, back.Validation.PurgedCv);
        Assert.Equal(p.Contracts, back.Contracts);
        Assert.Equal("lw", back.Optimization.Estimator);
    }

    [Fact]
    public void Seed000_purged_cv_gap_and_embargo_default_to_the_alpha_blueprints_10_and_0_01()
    {
        var p = ProfileCatalog.Parse(With(validation: ", purged_cv: { folds: 3 }"), "t.yaml");
        Assert.Equal(new PurgedCvSettings(3, PurgedCvDefaults.LabelHorizon, 10, 0.01), p.Validation.PurgedCv);
    }

    [Fact]
    public void The_shipped_alpha_profile_has_the_alpha_blueprints_rules_as_its_defaults()
    {
        var alpha = new ProfileCatalog(RepositoryPaths.Profiles).Get("alpha");
        Assert.Equal(3, alpha.Regime.Hmm!.States);                       // regime.hmm_states: 3
        Assert.Equal(0.01, alpha.Optimization.Constraints!.AdvFraction);  // risk.adv_position_limit: 0.01
        Assert.Equal(10, alpha.Validation.PurgedCv!.Gap);                 // validation.cv_gap_size: 10
        Assert.Equal(0.01, alpha.Validation.PurgedCv.EmbargoPct);         // validation.cv_embargo_pct: 0.01
        Assert.Equal("lw", alpha.Optimization.Estimator);
        Assert.Equal(ContractMode.Strict, alpha.Contracts!.Mode);
    }

    [Theory]
    [InlineData(", estimator: shrunk", "", "", "optimization.estimator")]
    [InlineData(", constraints: { adv_fraction: 0.01 }", "", "", "optimization.constraints.capital")]
    [InlineData(", constraints: { capital: 1e7 }", "", "", "optimization.constraints.adv_fraction")]
    [InlineData(", constraints: { beta_band: 0 }", "", "", "optimization.constraints.beta_band")]
    [InlineData(", constraints: { sector_cap: 1.5 }", "", "", "optimization.constraints.sector_cap")]
    [InlineData(", constraints: { }", "", "", "optimization.constraints")]
    [InlineData("", ", purged_cv: { gap: -1 }", "", "validation.purged_cv.gap")]
    [InlineData("", ", purged_cv: { embargo: 0.5 }", "", "validation.purged_cv.embargo")]
    [InlineData("", ", purged_cv: { folds: 1 }", "", "validation.purged_cv.folds")]
    [InlineData("", ", purged_cv: { folds: 50, gap: 10 }", "", "validation.purged_cv.folds")]
    [InlineData("", "", "contracts: { mode: loose }\n", "contracts.mode")]
    public void Bad_values_name_the_field(string optimization, string validation, string tail, string field)
    {
        var ex = Assert.Throws<TesseraValidationException>(() => ProfileCatalog.Parse(With(optimization, validation, tail), "t.yaml"));
        Assert.Equal(field, ex.Field);
    }
}
