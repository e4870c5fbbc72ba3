using Tessera.Core.Governance;
using Xunit;

namespace Tessera.Core.Tests.Governance;

public sealed class GovernanceStateTests
{
    [Theory]
    [InlineData("sandbox", "canary", true)]
    [InlineData("canary", "promoted", true)]
    [InlineData("promoted", "frozen", true)]
    [InlineData("canary", "sandbox", true)]   // demotion, one step
    [InlineData("frozen", "promoted", true)]
    [InlineData("sandbox", "promoted", false)] // no skipping the canary
    [InlineData("sandbox", "frozen", false)]
    [InlineData("promoted", "sandbox", false)]
    [InlineData("canary", "retired", true)]
    [InlineData("retired", "sandbox", false)]  // nothing leaves retired
    [InlineData("canary", "canary", false)]
    public void The_Indian_equities_seed_ladder_sandbox_canary_promoted_frozen_is_climbed_one_step_at_a_time(string from, string to, bool allowed) =>
        Assert.Equal(allowed, GovernanceStates.IsAllowed(GovernanceStates.Parse(from), GovernanceStates.Parse(to)));

    [Fact]
    public void States_parse_once_and_write_back_in_lower_case_and_unknown_names_are_refused()
    {
        Assert.Equal(GovernanceState.Canary, GovernanceStates.Parse(" Canary "));
        Assert.Equal("frozen", GovernanceState.Frozen.Name());
        var e = Assert.Throws<Tessera.Core.Errors.TesseraValidationException>(() => GovernanceStates.Parse("live"));
        Assert.Equal("to", e.Field);
    }
}
