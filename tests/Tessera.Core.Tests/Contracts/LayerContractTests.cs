using Tessera.Core;
using Tessera.Core.Contracts;
using Xunit;

namespace Tessera.Core.Tests.Contracts;

/// <summary>Quant-platform seed (002, 11.1 "Layered Invariants"): L1 features in [0, 100], scores in [-1, 1]; L2 alpha_score and probabilities in [0, 1]; L3 synthetic shorts inverted.</summary>
public sealed class LayerContractTests
{
    [Theory]
    [InlineData("rsi_14", 0.0, true)]
    [InlineData("rsi_14", 100.0, true)]
    [InlineData("ADX", 50.0, true)]
    [InlineData("plus_di", 100.0, true)]
    [InlineData("Recommend.All", -1.0, true)]
    [InlineData("Recommend.All", 1.0, true)]
    [InlineData("momentum", -0.7, true)]
    [InlineData("momentum", 1e9, true)]
    [InlineData("rsi_14", double.NaN, false)]
    [InlineData("momentum", double.PositiveInfinity, false)]
    public void Seed002_L1_features_0_to_100_and_scores_minus1_to_1_inclusive(string feature, double value, bool ok)
    {
        var findings = new ContractFindings(ContractMode.Lenient);
        Assert.Equal(ok, FeatureContract.Check("NYSE:IBM", feature, value, findings));
        Assert.Equal(ok, findings.IsClean);
    }

    [Fact]
    public void Seed002_L1_one_tick_outside_either_bound_is_a_violation_naming_field_and_rule()
    {
        foreach (var (feature, value, rule) in new[]
        {
            ("rsi_14", Math.BitDecrement(0.0), ContractRules.FeatureRange),
            ("rsi_14", Math.BitIncrement(100.0), ContractRules.FeatureRange),
            ("recommend_all", Math.BitDecrement(-1.0), ContractRules.ScoreRange),
            ("recommend_all", Math.BitIncrement(1.0), ContractRules.ScoreRange),
        })
        {
            var ex = Assert.Throws<ContractViolationException>(() => FeatureContract.Check("NYSE:IBM", feature, value, new ContractFindings(ContractMode.Strict)));
            Assert.Equal(feature, ex.Violation.Field);
            Assert.Equal(rule, ex.Violation.Rule);
            Assert.Equal("NYSE:IBM", ex.Violation.Subject);
        }
    }

    [Theory]
    [InlineData(0.0, true)]
    [InlineData(1.0, true)]
    [InlineData(0.5, true)]
    [InlineData(double.NaN, false)]
    public void Seed002_L2_alpha_score_in_0_1(double score, bool ok)
    {
        var findings = new ContractFindings(ContractMode.Lenient);
        Assert.Equal(ok, InferenceContract.CheckAlphaScore("NYSE:IBM|hold|LONG", score, findings));
        Assert.Equal(ok, findings.IsClean);
    }

    [Fact]
    public void Seed002_L2_alpha_score_and_probability_one_tick_outside_fail_with_field_and_rule()
    {
        var lenient = new ContractFindings(ContractMode.Lenient);
        Assert.False(InferenceContract.CheckAlphaScore("a", Math.BitIncrement(1.0), lenient));
        Assert.False(InferenceContract.CheckProbability("a", "p_bull", Math.BitDecrement(0.0), lenient));
        Assert.Equal([(InferenceContract.AlphaScoreField, ContractRules.AlphaScoreRange), ("p_bull", ContractRules.ProbabilityRange)], lenient.Violations.Select(v => (v.Field, v.Rule)));
        Assert.All(lenient.Violations, v => Assert.Equal(ViolationSeverity.Dropped, v.Severity));
        var ex = Assert.Throws<ContractViolationException>(() => InferenceContract.CheckProbability("a", "p_bull", 1.5, new ContractFindings(ContractMode.Strict)));
        Assert.Equal("p_bull", ex.Field);
        Assert.Equal(ContractRules.ProbabilityRange, ex.Rule);
    }

    [Fact]
    public void Seed002_L3_held_short_stream_must_be_minus_clip_r_upper_1()
    {
        double[] raw = [0.02, -0.05, 1.5, 0.0];
        double[] inverted = [-0.02, 0.05, -1.0, -0.0]; // hand-derived: -min(r, 1)
        Assert.True(AtomStreamContract.Check("X:A|hold|SHORT", Side.Short, true, raw, inverted, [], new ContractFindings(ContractMode.Strict)));
        Assert.True(AtomStreamContract.Check("X:A|hold|LONG", Side.Long, true, raw, raw, [], new ContractFindings(ContractMode.Strict)));

        // Not inverted (the raw return kept for a short): the first day already breaks the rule.
        var ex = Assert.Throws<ContractViolationException>(() => AtomStreamContract.Check("X:A|hold|SHORT", Side.Short, true, raw, raw, [10, 20, 30, 40], new ContractFindings(ContractMode.Strict)));
        Assert.Equal(ContractRules.AtomStreamInverted, ex.Rule);
        Assert.Equal("stream", ex.Field);
        Assert.Equal(10L, ex.Violation.Timestamp);

        // Inverted without the loss cap (-1.5 on the +150% day): a loss beyond 100% breaks the cap rule first.
        var findings = new ContractFindings(ContractMode.Lenient);
        Assert.False(AtomStreamContract.Check("X:A|hold|SHORT", Side.Short, true, raw, [-0.02, 0.05, -1.5, 0.0], [10, 20, 30, 40], findings));
        Assert.Equal(ContractRules.AtomStreamLossCap, Assert.Single(findings.Violations).Rule);
        Assert.Equal(30L, findings.Violations[0].Timestamp);
    }

    [Fact]
    public void Seed002_L3_gated_streams_need_only_the_loss_cap_and_the_right_length()
    {
        double[] raw = [0.02, -0.05, 0.01];
        var findings = new ContractFindings(ContractMode.Lenient);
        Assert.True(AtomStreamContract.Check("X:A|ibs|LONG", Side.Long, false, raw, [0.0, -1.0, 0.004], [], findings)); // -1 exactly is allowed
        Assert.False(AtomStreamContract.Check("X:A|ibs|LONG", Side.Long, false, raw, [0.0, Math.BitDecrement(-1.0), 0.0], [], findings));
        Assert.False(AtomStreamContract.Check("X:A|ibs|LONG", Side.Long, false, raw, [0.0, 0.0], [], findings));
        Assert.Equal([ContractRules.AtomStreamLossCap, ContractRules.AtomStreamLength], findings.Violations.Select(v => v.Rule));
    }

    [Theory]
    [InlineData("NYSE:IBM|hold|LONG", true)]
    [InlineData("NYSE:IBM|hold|SHORT", true)]
    [InlineData("NYSE:IBM|hold+ibs|LONG|x", false)]
    [InlineData("NYSE:IBM||LONG", false)]
    [InlineData("NYSE:IBM|hold|FLAT", false)]
    public void Seed002_L3_an_atom_has_exactly_one_logic(string atom, bool ok)
    {
        var findings = new ContractFindings(ContractMode.Lenient);
        Assert.Equal(ok, AtomStreamContract.CheckName(atom, findings));
        if (!ok)
        {
            Assert.Equal(ContractRules.AtomOneLogic, Assert.Single(findings.Violations).Rule);
        }
    }
}
