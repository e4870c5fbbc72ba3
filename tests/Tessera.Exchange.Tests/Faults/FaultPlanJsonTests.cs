using System.Text;
using Tessera.Exchange.Faults;
using Xunit;

namespace Tessera.Exchange.Tests.Faults;

public sealed class FaultPlanJsonTests
{
    [Fact]
    public void A_full_plan_parses_and_round_trips()
    {
        var (plan, error) = FaultPlanJson.Parse("""{"seed":3,"latency_ms":20,"rate_limit_count":2,"rate_limit_reset_seconds":5,"order_error_after_accept_rate":0.25,"order_timeout_after_accept_rate":0.1,"order_timeout_ms":900,"connection_limit_seconds":90,"stream_duplicate_rate":0.2,"drop":"all","stall_seconds":3,"stream_error_code":408}"""u8);
        Assert.Null(error);
        Assert.Equal((3UL, 20, 0.25, 90, "all", 408), (plan!.Seed, plan.LatencyMs, plan.OrderErrorAfterAcceptRate, plan.ConnectionLimitSeconds, plan.Drop!, plan.StreamErrorCode!.Value));
        var (again, _) = FaultPlanJson.Parse(FaultPlanJson.Write(plan));
        Assert.Equal(plan with { Drop = null, StallSeconds = 0, StreamErrorCode = null }, again);
    }

    [Theory]
    [InlineData("{", 400)]
    [InlineData("[]", 422)]
    [InlineData("""{"latency":5}""", 422)]
    [InlineData("""{"order_error_after_accept_rate":1.5}""", 422)]
    [InlineData("""{"order_error_after_accept_rate":0.6,"order_error_before_accept_rate":0.6}""", 422)]
    [InlineData("""{"drop":"everything"}""", 422)]
    [InlineData("""{"stream_error_code":200}""", 422)]
    [InlineData("""{"latency_ms":"fast"}""", 422)]
    public void Bad_plans_are_refused_with_Alpaca_shaped_errors(string json, int status)
    {
        var (plan, error) = FaultPlanJson.Parse(Encoding.UTF8.GetBytes(json));
        Assert.Null(plan);
        Assert.Equal(status, error!.Status);
    }

    [Fact]
    public void Order_faults_are_drawn_from_the_seed()
    {
        static string Draw(ulong seed)
        {
            var f = new FaultInjector(TimeProvider.System);
            f.Apply(new FaultPlan { Seed = seed, OrderErrorAfterAcceptRate = 0.3, OrderErrorBeforeAcceptRate = 0.1, OrderTimeoutAfterAcceptRate = 0.1 });
            return string.Join(',', Enumerable.Range(0, 50).Select(_ => (int)f.DecideOrderPost()));
        }

        Assert.Equal(Draw(1), Draw(1));
        Assert.NotEqual(Draw(1), Draw(2));
    }
}
