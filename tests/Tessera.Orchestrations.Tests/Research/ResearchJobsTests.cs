using Tessera.Core.Data.Synthetic;
using Tessera.Orchestrations.Application.Schedules;
using Tessera.Orchestrations.Research;
using Tessera.Orchestrations.Research.Fundamentals;
using Tessera.Orchestrations.Research.Regime;
using Tessera.Storage.Blobs;
using Tessera.Storage.Lakehouse;
using Tessera.Testing;
using Xunit;
using Tessera.Storage.Research;

namespace Tessera.Orchestrations.Tests.Research;

/// <summary>The research timers as both hosts call them (ResearchJobs.RunAsync by job name), on a lakehouse and the research container.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class ResearchJobsTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task The_regime_refit_timer_fits_the_configured_lakehouse_series_once_then_reports_it_current()
    {
        var inner = new BlobStore(azurite.ConnectionString);
        var blobs = new OwnContainerBlobStore(inner, "research-jobs-regime");
        var lake = new Lakehouse(inner, TimeProvider.System, new LakehouseOptions { Container = "research-jobs-lake" });
        await lake.InitializeAsync();
        await LakehouseUniverse.SeedSyntheticAsync(lake, new SyntheticMarketSpec(3, 400, 11));
        var symbol = (await lake.OpenSnapshotAsync()).Symbols[0];
        var configuration = ResearchConfiguration.Defaults with { Regime = ResearchConfiguration.Defaults.Regime with { Symbol = symbol, States = 2, Restarts = 2 } };
        var events = new RecordingPublisher();
        var now = new DateTimeOffset(2026, 12, 2, 22, 0, 0, TimeSpan.Zero);

        var first = await ResearchJobs.RunAsync(ScheduledJobs.RegimeRefitName, blobs, lake, events, configuration, now, CancellationToken.None);
        Assert.Contains($"{symbol} refitted (no model yet)", first, StringComparison.Ordinal);
        var second = await ResearchJobs.RunAsync(ScheduledJobs.RegimeRefitName, blobs, lake, events, configuration, now.AddDays(1), CancellationToken.None);
        Assert.Contains("is current (age 1 d)", second, StringComparison.Ordinal);
        Assert.Single(await new HmmModelStore(blobs).NamesAsync(symbol));
    }

    [Fact]
    public async Task The_weekly_audit_timer_reports_the_escalation_and_an_unknown_job_is_refused()
    {
        var inner = new BlobStore(azurite.ConnectionString);
        var blobs = new OwnContainerBlobStore(inner, "research-jobs-audit");
        var lake = new Lakehouse(inner, TimeProvider.System, new LakehouseOptions { Container = "research-jobs-lake2" });
        var log = new RejectedTickersLog(blobs);
        var at = new DateTimeOffset(2024, 1, 20, 12, 0, 0, TimeSpan.Zero);
        await log.AppendRunAsync(new DateOnly(2024, 1, 20), new GatekeeperRunLine(at, new DateOnly(2024, 1, 20), ["A", "B", "C", "D", "E", "F", "G", "H", "I", "J"], 8, 2), [new("A", Core.Fundamentals.RejectionCategory.MissingFact, "f", "r", at), new("B", Core.Fundamentals.RejectionCategory.NonFinite, "g", "r", at)]);
        var line = await ResearchJobs.RunAsync(ScheduledJobs.WeeklyDataAuditName, blobs, lake, new RecordingPublisher(), ResearchConfiguration.Defaults, new DateTimeOffset(2024, 1, 22, 13, 0, 0, TimeSpan.Zero), CancellationToken.None);
        Assert.StartsWith("WeeklyDataAudit: 2 of 10 tickers rejected (20.0 %) in 2024-01-20's file: ESCALATE", line, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => ResearchJobs.RunAsync("Nope", blobs, lake, new RecordingPublisher(), ResearchConfiguration.Defaults, DateTimeOffset.UnixEpoch, CancellationToken.None));
    }
}
