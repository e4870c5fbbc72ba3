using Tessera.Alpaca.Model;
using Tessera.Trading.Decisions;
using Xunit;
using static Tessera.Trading.Tests.Decisions.DecisionFixture;

namespace Tessera.Trading.Tests.Decisions;

/// <summary>The kill switch's two gates (halt_adds, restrict_to_etfs): adds refused, reductions and exits pass, ids of other requests unchanged.</summary>
public sealed class KillSwitchGateTests
{
    private static readonly SafetyState HaltAdds = SafetyState.Clear with { HaltAdds = true };

    private static readonly SafetyState OnlySpy = SafetyState.Clear with { AllowedSymbols = new HashSet<string>(["SPY", "QQQ"], StringComparer.Ordinal) };

    [Fact]
    public void Halt_adds_vetoes_an_entry_and_an_increase_but_passes_an_exit_and_a_reduction()
    {
        Assert.Equal(VetoCodes.KillSwitchHaltAdds, Decide(Pipeline(), Long(), safety: HaltAdds).VetoCode);
        Assert.Equal(VetoCodes.KillSwitchHaltAdds, Decide(Pipeline(), Buy(1), account: Account(("AAPL", 3m)), safety: HaltAdds).VetoCode);

        var exit = Decide(Pipeline(), Exit(), account: Account(("AAPL", 3m)), safety: HaltAdds);
        Assert.Equal(DecisionOutcome.Approved, exit.Outcome);
        Assert.Equal(3m, exit.Intent!.Quantity);
        var reduce = Decide(Pipeline(), new TargetOrder("AAPL", OrderSide.Sell, 2m, "rebalance"), account: Account(("AAPL", 3m)), safety: HaltAdds);
        Assert.Equal(DecisionOutcome.Approved, reduce.Outcome);
        Assert.True(reduce.Intent!.ReducesPosition);
    }

    [Fact]
    public void Restriction_vetoes_entries_outside_the_list_and_passes_entries_inside_it_and_every_exit()
    {
        var outside = Decide(Pipeline(), Long("AAPL"), safety: OnlySpy);
        Assert.Equal(VetoCodes.KillSwitchRestricted, outside.VetoCode);
        Assert.Contains("QQQ,SPY", outside.Decision.Detail, StringComparison.Ordinal);
        Assert.Equal(DecisionOutcome.Approved, Decide(Pipeline(), Long("SPY"), safety: OnlySpy).Outcome);
        Assert.Equal(DecisionOutcome.Approved, Decide(Pipeline(), Exit("AAPL"), account: Account(("AAPL", 3m)), safety: OnlySpy).Outcome);
    }

    [Fact]
    public void The_states_gates_come_first_and_decision_ids_change_only_when_an_action_is_in_force()
    {
        Assert.Equal(VetoCodes.Halted, Decide(Pipeline(), Long(), safety: HaltAdds with { Halted = true }).VetoCode);
        var plain = Decide(Pipeline(), Long()).Decision.DecisionId;
        Assert.Equal(plain, Decide(Pipeline(), Long(), safety: SafetyState.Clear with { HaltAdds = false, AllowedSymbols = null }).Decision.DecisionId);
        Assert.NotEqual(plain, Decide(Pipeline(), Long(), safety: HaltAdds).Decision.DecisionId);
        Assert.NotEqual(plain, Decide(Pipeline(), Long(), safety: OnlySpy).Decision.DecisionId);
    }

    [Fact]
    public void An_approved_intent_carries_the_price_its_decision_saw_ask_for_a_buy_bid_for_a_sell()
    {
        Assert.Equal(50.00m, Decide(Pipeline(), Long(), Market(49.99, 50.00)).Intent!.ReferencePrice);
        Assert.Equal(49.99m, Decide(Pipeline(), Exit(), Market(49.99, 50.00), Account(("AAPL", 3m))).Intent!.ReferencePrice);
    }
}
