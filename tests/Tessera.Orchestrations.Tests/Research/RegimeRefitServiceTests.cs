using Tessera.Core.Data;
using Tessera.Core.Determinism;
using Tessera.Core.Errors;
using Tessera.Core.Regime.Hmm;
using Tessera.Orchestrations.Research;
using Tessera.Orchestrations.Research.Regime;
using Tessera.Storage.Blobs;
using Tessera.Testing;
using Tessera.Trading.Events;
using Xunit;
using Tessera.Storage.Research;

namespace Tessera.Orchestrations.Tests.Research;

[Collection(AzuriteCollection.Name)]
public sealed class RegimeRefitServiceTests(AzuriteFixture azurite)
{
    private static readonly RegimeResearchSettings Settings = new("SPY", RefitDays: 7, LookbackDays: 5000, States: 2, Restarts: 3, Seed: 1);
    private static readonly DateOnly Start = new(2024, 1, 1);

    private static readonly (int Days, double Mean, double Sd) Crash = (40, -0.02, 0.03);
    private static readonly (int Days, double Mean, double Sd) Calm = (460, 0.001, 0.005);

    /// <summary>Daily closes from Start, one return per day drawn segment by segment (same seed: a longer series extends a shorter one).</summary>
    private static BarSeries Bars(params (int Days, double Mean, double Sd)[] segments)
    {
        var random = new DeterministicRandom(3);
        var n = segments.Sum(s => s.Days) + 1;
        var ts = new long[n];
        var close = new double[n];
        close[0] = 100;
        var i = 0;
        ts[0] = BarSeries.ToUnixMs(Start.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc));
        foreach (var (days, mean, sd) in segments)
        {
            for (var d = 0; d < days; d++)
            {
                i++;
                ts[i] = BarSeries.ToUnixMs(Start.AddDays(i).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc));
                close[i] = close[i - 1] * (1 + mean + (sd * random.NextNormal()));
            }
        }

        return new BarSeries("SPY", ts, close, close, close, close, new double[n]);
    }

    private (RegimeRefitService Service, HmmModelStore Store, RecordingPublisher Events) Create(string container)
    {
        var blobs = new OwnContainerBlobStore(new BlobStore(azurite.ConnectionString), container);
        var store = new HmmModelStore(blobs);
        var events = new RecordingPublisher();
        return (new RegimeRefitService(store, events), store, events);
    }

    [Fact]
    public async Task A_first_fit_is_persisted_a_current_model_is_kept_and_a_stale_one_refitted_with_regime_changed_events()
    {
        var (service, store, events) = Create("research-refit-cycle");
        var calm = Bars(Crash, Calm);
        var first = await service.RunAsync(Settings, _ => Task.FromResult(calm), Start.AddDays(500), force: false);
        Assert.Equal(RefitReason.NoModel, first.Decision.Reason);
        Assert.Equal("hmm_models/SPY/2025-05-15-001.json", first.BlobName);
        Assert.Equal("bull", first.Model!.Regime);
        Assert.Empty(events.Events); // a first fit has no previous regime to change from

        // Six days later the model is current: no fit, the bars are not even read.
        var kept = await service.RunAsync(Settings, _ => throw new InvalidOperationException("must not load"), Start.AddDays(506), force: false);
        Assert.Equal(RefitReason.Current, kept.Decision.Reason);
        Assert.Null(kept.Model);
        Assert.Single(await store.NamesAsync("SPY"));

        // Seven days later it is stale; the market crashed meanwhile: bull -> bear is published after the model is stored.
        var crashed = Bars(Crash, Calm, Crash);
        var refit = await service.RunAsync(Settings, _ => Task.FromResult(crashed), Start.AddDays(507), force: false);
        Assert.Equal(RefitReason.Stale, refit.Decision.Reason);
        Assert.Equal("bear", refit.Model!.Regime);
        Assert.Equal(2, (await store.NamesAsync("SPY")).Count);
        Assert.Equal(refit.Changes.Count, events.Events.Count);
        Assert.All(events.Events, e => Assert.Equal(EventCodes.RegimeChanged, e.Code));
        Assert.Equal("bull", events.Events[0].Fields[EventFields.PreviousState]);
        Assert.Equal("bear", events.Events[^1].Fields[EventFields.NewState]);
        Assert.Equal("SPY", events.Events[0].Fields[EventFields.Ticker]);

        var latest = await store.LatestAsync("SPY");
        Assert.Equal(refit.BlobName, latest!.Value.Name);
        Assert.Equal(refit.Model.FitThrough, latest.Value.Model.FitThrough);
        Assert.Equal(refit.Model.States.Select(s => s.Mean), latest.Value.Model.States.Select(s => s.Mean)); // doubles round-trip exactly
    }

    [Fact]
    public async Task Force_refits_a_current_model_under_the_next_number_of_the_same_day()
    {
        var (service, store, _) = Create("research-refit-force");
        var calm = Bars(Crash, Calm);
        await service.RunAsync(Settings, _ => Task.FromResult(calm), Start.AddDays(300), force: false);
        var forced = await service.RunAsync(Settings, _ => Task.FromResult(calm), Start.AddDays(300), force: true);
        Assert.Equal(RefitReason.Current, forced.Decision.Reason);
        Assert.Equal("hmm_models/SPY/2024-10-27-002.json", forced.BlobName);
        Assert.Equal(["hmm_models/SPY/2024-10-27-001.json", "hmm_models/SPY/2024-10-27-002.json"], await store.NamesAsync("SPY"));
    }

    [Fact]
    public async Task A_constant_series_or_a_nan_close_is_a_typed_error_and_nothing_is_persisted_or_published()
    {
        var (service, store, events) = Create("research-refit-bad");
        var n = 200;
        var ts = Enumerable.Range(0, n).Select(i => BarSeries.ToUnixMs(Start.AddDays(i).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc))).ToArray();
        var flat = Enumerable.Repeat(50.0, n).ToArray();
        var constant = new BarSeries("SPY", ts, flat, flat, flat, flat, new double[n]);
        var e = await Assert.ThrowsAsync<TesseraValidationException>(() => service.RunAsync(Settings, _ => Task.FromResult(constant), Start.AddDays(n), force: false));
        Assert.Contains("constant series", e.Message, StringComparison.Ordinal);

        var good = Bars(Crash, Calm);
        var withNan = (double[])good.Close.Clone();
        withNan[120] = double.NaN;
        var nanBars = new BarSeries("SPY", good.Timestamps, withNan, withNan, withNan, withNan, new double[good.Count]);
        var nan = await Assert.ThrowsAsync<TesseraValidationException>(() => service.RunAsync(Settings, _ => Task.FromResult(nanBars), Start.AddDays(301), force: false));
        Assert.Equal("closes[120]", nan.Field);

        Assert.Empty(await store.NamesAsync("SPY"));
        Assert.Empty(events.Events);
    }

    [Fact]
    public async Task A_corrupt_stored_model_is_a_typed_error_naming_the_blob()
    {
        var blobs = new OwnContainerBlobStore(new BlobStore(azurite.ConnectionString), "research-refit-corrupt");
        await blobs.CreateContainerIfNotExistsAsync(ResearchStore.Container);
        await blobs.PutAsync(ResearchStore.Container, "hmm_models/SPY/2024-01-01-001.json", "{\"version\":\"x\"}"u8.ToArray());
        var e = await Assert.ThrowsAsync<TesseraValidationException>(() => new HmmModelStore(blobs).LatestAsync("SPY"));
        Assert.Equal("hmm_models/SPY/2024-01-01-001.json", e.Field);
    }
}
