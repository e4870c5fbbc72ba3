using Tessera.Core.Errors;
using Tessera.Core.Regime.Hmm;
using Xunit;

namespace Tessera.Core.Tests.Regime.Hmm;

public sealed class HmmRefitPolicyTests
{
    private static readonly DateOnly Fitted = new(2026, 11, 2);

    private static HmmModelRecord Model(DateOnly fitDate, string version = HmmModelRecord.CurrentVersion) =>
        new(version, "SPY", fitDate, fitDate.AddDays(-3), 500, -1000, true, 4, 42, "bull", []);

    /// <summary>refit_days 7: fitted Monday Nov 2, current through Sunday Nov 8 (age 6), stale from Monday Nov 9 (age 7).</summary>
    [Theory]
    [InlineData(0, false)]
    [InlineData(6, false)]
    [InlineData(7, true)]
    [InlineData(8, true)]
    public void A_model_is_stale_from_exactly_refit_days_of_age(int age, bool refit)
    {
        var decision = new HmmRefitPolicy(7).Decide(Model(Fitted), Fitted.AddDays(age));
        Assert.Equal(refit, decision.Refit);
        Assert.Equal(refit ? RefitReason.Stale : RefitReason.Current, decision.Reason);
        Assert.Equal(age, decision.AgeDays);
    }

    [Fact]
    public void No_model_another_version_or_a_future_fit_date_asks_for_a_fit()
    {
        var policy = new HmmRefitPolicy(7);
        Assert.Equal(new RefitDecision(true, RefitReason.NoModel, null), policy.Decide(null, Fitted));
        Assert.Equal(new RefitDecision(true, RefitReason.VersionChanged, 1), policy.Decide(Model(Fitted, "gaussian-hmm-1d-logreturns-v0"), Fitted.AddDays(1)));
        Assert.Equal(new RefitDecision(true, RefitReason.FitDateInFuture, -1), policy.Decide(Model(Fitted.AddDays(1)), Fitted));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-7)]
    [InlineData(367)]
    public void Refit_days_outside_1_to_366_are_a_typed_error(int days)
    {
        var e = Assert.Throws<TesseraValidationException>(() => new HmmRefitPolicy(days));
        Assert.Equal("regime.refit_days", e.Field);
    }

    [Fact]
    public void The_bounds_1_and_366_are_allowed()
    {
        Assert.True(new HmmRefitPolicy(1).Decide(Model(Fitted), Fitted.AddDays(1)).Refit);
        Assert.False(new HmmRefitPolicy(366).Decide(Model(Fitted), Fitted.AddDays(365)).Refit);
    }
}
