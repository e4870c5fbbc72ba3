using System.Text;
using Tessera.Core.Governance;
using Xunit;

namespace Tessera.Core.Tests.Governance;

/// <summary>The quant-platform seed's promotion evidence gate (requirements 19–20) and the canary-days rule.</summary>
public sealed class PromotionGateTests
{
    private static CoverageArtifact Full => CoverageArtifact.Parse(Encoding.UTF8.GetBytes(
        """{"run_id":"r1","profile":"default","attempts":[{"attempt":1,"fetched":58,"failed":2,"duration":1.5},{"attempt":2,"fetched":60,"failed":0,"duration":0.4}],"failed_symbols":[]}"""));

    private static CoverageArtifact Partial => CoverageArtifact.Parse(Encoding.UTF8.GetBytes(
        """{"run_id":"r1","profile":"default","attempts":[{"attempt":1,"fetched":59,"failed":1,"duration":1.5}],"failed_symbols":["XYZ"]}"""));

    [Fact]
    public void A_run_without_evidence_cannot_be_promoted_and_every_missing_piece_is_named()
    {
        var d = PromotionGate.Evaluate(GovernanceState.Sandbox, GovernanceState.Canary, new PromotionEvidence([], null, false, 0));
        Assert.False(d.Allowed);
        Assert.Equal(["coverage_missing", "walkforward_missing"], d.Missing.Select(m => m.Code));
    }

    [Fact]
    public void Coverage_below_100_percent_refuses_unless_an_exception_is_recorded()
    {
        var refused = PromotionGate.Evaluate(GovernanceState.Sandbox, GovernanceState.Canary, new PromotionEvidence([Full, Partial], null, true, 0));
        Assert.Equal("coverage_incomplete", Assert.Single(refused.Missing).Code);
        Assert.Contains("XYZ", refused.Missing[0].Detail, StringComparison.Ordinal);
        var excepted = PromotionGate.Evaluate(GovernanceState.Sandbox, GovernanceState.Canary, new PromotionEvidence([Full, Partial], "XYZ delisted 2026-11-30, approved by risk", true, 0));
        Assert.True(excepted.Allowed);
    }

    [Fact]
    public void Canary_to_promoted_needs_five_clean_canary_days_exactly()
    {
        Assert.Equal("canary_days", Assert.Single(PromotionGate.Evaluate(GovernanceState.Canary, GovernanceState.Promoted, new PromotionEvidence([Full], null, true, 4)).Missing).Code);
        Assert.True(PromotionGate.Evaluate(GovernanceState.Canary, GovernanceState.Promoted, new PromotionEvidence([Full], null, true, 5)).Allowed);
    }

    [Fact]
    public void Demotions_and_retirement_need_no_evidence_and_a_skipped_step_is_refused()
    {
        var none = new PromotionEvidence([], null, false, 0);
        Assert.True(PromotionGate.Evaluate(GovernanceState.Canary, GovernanceState.Sandbox, none).Allowed);
        Assert.True(PromotionGate.Evaluate(GovernanceState.Promoted, GovernanceState.Retired, none).Allowed);
        var skip = PromotionGate.Evaluate(GovernanceState.Sandbox, GovernanceState.Promoted, new PromotionEvidence([Full], null, true, 9));
        Assert.False(skip.Allowed);
        Assert.Contains("not a move governance allows", skip.Refusal, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"profile":"p","attempts":[{"attempt":1,"fetched":1,"failed":0,"duration":1}],"failed_symbols":[]}""", "run_id")]
    [InlineData("""{"run_id":"r","profile":"p","attempts":[],"failed_symbols":[]}""", "attempts")]
    [InlineData("""{"run_id":"r","profile":"p","attempts":[{"attempt":2,"fetched":1,"failed":0,"duration":1}],"failed_symbols":[]}""", "attempts[0].attempt")]
    [InlineData("""{"run_id":"r","profile":"p","attempts":[{"attempt":1,"fetched":-1,"failed":0,"duration":1}],"failed_symbols":[]}""", "attempts[0].fetched")]
    [InlineData("""{"run_id":"r","profile":"p","attempts":[{"attempt":1,"fetched":1,"failed":0}],"failed_symbols":[]}""", "attempts[0].duration")]
    [InlineData("""{"run_id":"r","profile":"p","attempts":[{"attempt":1,"fetched":1,"failed":0,"duration":1}]}""", "failed_symbols")]
    [InlineData("""{"run_id":"r","profile":"p","attempts":[{"attempt":1,"fetched":1,"failed":0,"duration":1}],"failed_symbols":["A","A"]}""", "failed_symbols")]
    [InlineData("""not json""", "coverage")]
    public void Coverage_artifacts_missing_a_field_or_breaking_the_schema_are_refused_naming_it(string json, string field)
    {
        var e = Assert.Throws<Tessera.Core.Errors.TesseraValidationException>(() => CoverageArtifact.Parse(Encoding.UTF8.GetBytes(json)));
        Assert.Equal(field, e.Field);
    }
}
