using System.Text.Json.Nodes;
using Tessera.Core.Governance;
using Tessera.Storage.Blobs;
using Tessera.Testing;
using Tessera.Trading.Ledger;
using Tessera.Trading.Safety;
using Tessera.Trading.Tests.Ledger;
using Xunit;

namespace Tessera.Trading.Tests.Safety;

/// <summary>
/// One test per row of the kill-switch matrix (config/kill_switch.yaml) through the watch the equity poll calls: the
/// row fires at a reading just past its threshold and not at the threshold, its firing is appended to the governance
/// chain with its actions, and the responder (governance) is called with the block. Readings are hand-made.
/// </summary>
[Collection(LedgerAzuriteCollection.Name)]
public sealed class KillSwitchWatchTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset Now = new(2026, 3, 3, 15, 0, 0, TimeSpan.Zero);
    private static readonly AuditStamp Stamp = new("acct-ks", new string('b', 64), "trace-ks");

    private static KillSwitchConfig Config() => KillSwitchConfig.LoadFile(Path.Combine(RepositoryPaths.Root(), "config", KillSwitchConfig.FileName));

    private (KillSwitchWatch Watch, GovernanceChain Chain, Responder Responder) Watch(KillSwitchReadings readings)
    {
        var chain = new GovernanceChain(new BlobAuditLedger(new BlobStore(azurite.ConnectionString), TimeProvider.System, "ks-" + Guid.NewGuid().ToString("N")[..12]));
        var responder = new Responder();
        return (new KillSwitchWatch(Config(), new Fixed(readings), chain, responder), chain, responder);
    }

    /// <summary>250 returns alternating ±1 % with the 13th-worst at −2 % (the 95 % VaR over 250 days), then today's.</summary>
    private static double[] VarHistory(double today)
    {
        var r = new double[251];
        for (var i = 0; i < 250; i++)
        {
            r[i] = i % 2 == 0 ? 0.01 : -0.01;
        }

        for (var i = 0; i < 13; i++)
        {
            r[i * 19] = -0.02; // 13 returns at -2 %: k = floor(0.05 x 250) = 12, the 13th worst, so VaR = 2 %
        }

        r[250] = today;
        return r;
    }

    private static readonly double[] FlatEquity = [100, 100];

    [Fact]
    public async Task Var_breach_fires_when_todays_loss_exceeds_the_95_percent_250_day_var_and_not_at_it()
    {
        var (quiet, chain0, _) = Watch(new KillSwitchReadings(VarHistory(-0.02), FlatEquity, null, null));
        Assert.Empty(await quiet.EvaluateAsync(Stamp, Now, 100m));
        Assert.Empty(await chain0.ReadAllAsync());

        var (watch, chain, responder) = Watch(new KillSwitchReadings(VarHistory(-0.0201), FlatEquity, null, null));
        var fired = Assert.Single(await watch.EvaluateAsync(Stamp, Now, 100m));
        Assert.Equal(KillSwitchCondition.VarBreach, fired.Firing.Condition);
        Assert.Equal(0.02, fired.Firing.Threshold, 12);
        await AssertRecordedAsync(chain, responder, "var_breach", ["halt_adds", "de_risk", "notify_and_record"]);
    }

    [Fact]
    public async Task Drawdown_fires_beyond_8_percent_from_the_peak_and_not_at_8_percent()
    {
        var (quiet, _, _) = Watch(new KillSwitchReadings([0.0, -0.08], [100, 100, 92], null, null));
        Assert.Empty(await quiet.EvaluateAsync(Stamp, Now, 92m));

        var (watch, chain, responder) = Watch(new KillSwitchReadings([0.0, -0.0801], [100, 100, 91.99], null, null));
        var fired = Assert.Single(await watch.EvaluateAsync(Stamp, Now, 91.99m));
        Assert.Equal(0.0801, fired.Firing.Measured, 10);
        await AssertRecordedAsync(chain, responder, "drawdown", ["de_risk", "switch_to_base_profile", "notify_and_record"]);
    }

    [Fact]
    public async Task Data_outage_fires_after_15_minutes_without_data_and_is_not_evaluated_when_not_measured()
    {
        var (quiet, _, _) = Watch(new KillSwitchReadings([], FlatEquity, TimeSpan.FromMinutes(15), null));
        Assert.Empty(await quiet.EvaluateAsync(Stamp, Now, 100m));
        var (unmeasured, _, _) = Watch(new KillSwitchReadings([], FlatEquity, null, null));
        Assert.Empty(await unmeasured.EvaluateAsync(Stamp, Now, 100m));

        var (watch, chain, responder) = Watch(new KillSwitchReadings([], FlatEquity, TimeSpan.FromMinutes(15.5), null));
        var fired = Assert.Single(await watch.EvaluateAsync(Stamp, Now, 100m));
        Assert.Equal(KillSwitchCondition.DataOutage, fired.Firing.Condition);
        await AssertRecordedAsync(chain, responder, "data_outage", ["halt_adds", "notify_and_record"]);
    }

    [Fact]
    public async Task Slippage_over_budget_fires_above_25_bps_and_restricts_to_the_etf_list()
    {
        var (quiet, _, _) = Watch(new KillSwitchReadings([], FlatEquity, null, 25));
        Assert.Empty(await quiet.EvaluateAsync(Stamp, Now, 100m));

        var (watch, chain, responder) = Watch(new KillSwitchReadings([], FlatEquity, null, 25.1));
        var fired = Assert.Single(await watch.EvaluateAsync(Stamp, Now, 100m));
        Assert.Equal(KillSwitchCondition.SlippageOverBudget, fired.Firing.Condition);
        var block = await AssertRecordedAsync(chain, responder, "slippage_over_budget", ["restrict_to_etfs", "notify_and_record"]);
        Assert.Equal(["SPY", "QQQ", "IWM", "TLT", "GLD"], block.Entry.Payload["actions"]![0]!["symbols"]!.AsArray().Select(s => s!.GetValue<string>()));
    }

    [Fact]
    public async Task The_session_equity_curve_feeds_the_drawdown_row()
    {
        var tables = new Tessera.Storage.Tables.TableStore(azurite.ConnectionString);
        var openings = new SessionEquityStore(tables);
        var account = "acct-" + Guid.NewGuid().ToString("N")[..10];
        await openings.CaptureAsync(account, new DateOnly(2026, 3, 2), Now.AddDays(-1), 100_000m, Now.AddDays(-1));
        await openings.CaptureAsync(account, new DateOnly(2026, 3, 3), Now, 101_000m, Now);
        var readings = await new SessionEquityReadings(openings).ReadAsync(account, Now, 92_000m, CancellationToken.None);
        Assert.Equal([100_000, 101_000, 92_000], readings.Equity);
        Assert.Equal(0.01, readings.DailyReturns[0], 12);
        Assert.Null(readings.DataAge);
        Assert.Null(readings.SlippageBps);
    }

    private static async Task<LedgerBlock> AssertRecordedAsync(GovernanceChain chain, Responder responder, string condition, string[] actions)
    {
        var block = Assert.Single(await chain.ReadAllAsync());
        Assert.Equal(GovernanceChain.KillSwitchKind, block.Entry.Kind);
        Assert.Equal(condition, block.Entry.Payload["condition"]!.GetValue<string>());
        Assert.Equal(actions, block.Entry.Payload["actions"]!.AsArray().Select(a => a!["action"]!.GetValue<string>()));
        Assert.Equal("acct-ks", block.Entry.Payload["account"]!.GetValue<string>());
        Assert.Equal(block.Hash, Assert.Single(responder.Blocks).Hash);
        Assert.All(await chain.VerifyAsync(null), r => Assert.True(r.Result.IsValid));
        return block;
    }

    private sealed class Fixed(KillSwitchReadings readings) : IKillSwitchReadings
    {
        public Task<KillSwitchReadings> ReadAsync(string accountId, DateTimeOffset now, decimal equity, CancellationToken cancellationToken) => Task.FromResult(readings);
    }

    private sealed class Responder : IKillSwitchResponder
    {
        public List<LedgerBlock> Blocks { get; } = [];

        public Task<IReadOnlyList<string>> OnFiringAsync(KillSwitchFiring firing, LedgerBlock firingBlock, CancellationToken cancellationToken)
        {
            Blocks.Add(firingBlock);
            return Task.FromResult<IReadOnlyList<string>>([]);
        }
    }
}
