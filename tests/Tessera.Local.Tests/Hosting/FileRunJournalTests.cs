using Tessera.Local.Hosting;
using Tessera.Orchestrations.Application.Journal;
using Tessera.Orchestrations.LifeCycle;
using Tessera.Orchestrations.Profiles;
using Xunit;

namespace Tessera.Local.Tests.Hosting;

public sealed class FileRunJournalTests : IDisposable
{
    private static readonly SleeveProfile Compact = new ProfileCatalog(RepositoryPaths.Profiles).Get("compact");
    private readonly string _dir = Directory.CreateTempSubdirectory("tessera-journal-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string Json(SleeveProfile profile) =>
        System.Text.Json.JsonSerializer.Serialize(profile, Tessera.Orchestrations.Artifacts.ArtifactJson.Options);

    private static readonly DateTimeOffset T0 = new(2026, 12, 2, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Accepted_runs_and_outcomes_survive_a_reopen_with_their_input()
    {
        var journal = FileRunJournal.Open(_dir);
        await journal.RecordAcceptedAsync(new LifeCycleInput("run-a", Compact), T0, CancellationToken.None);
        await journal.RecordAcceptedAsync(new LifeCycleInput("run-b", Compact), T0.AddSeconds(1), CancellationToken.None);
        await journal.RecordOutcomeAsync("run-b", JournalOutcome.Lost, "because", T0.AddSeconds(2), CancellationToken.None);

        var reopened = FileRunJournal.OpenReadOnly(_dir);
        Assert.Equal(JournalOutcome.Accepted, reopened.Runs["run-a"].Outcome);
        Assert.Equal(Json(Compact), Json(reopened.Runs["run-a"].Input!.Profile));
        Assert.Equal(T0, reopened.Runs["run-a"].AcceptedAt);
        Assert.Equal(JournalOutcome.Lost, reopened.Runs["run-b"].Outcome);
        Assert.Equal("because", reopened.Runs["run-b"].Reason);
    }

    [Fact]
    public async Task Opening_to_work_compacts_away_settled_and_never_started_runs_but_keeps_lost_ones()
    {
        var journal = FileRunJournal.Open(_dir);
        foreach (var id in new[] { "settled", "not-started", "lost", "open" })
        {
            await journal.RecordAcceptedAsync(new LifeCycleInput(id, Compact), T0, CancellationToken.None);
        }

        await journal.RecordOutcomeAsync("settled", JournalOutcome.Settled, "Completed", T0, CancellationToken.None);
        await journal.RecordOutcomeAsync("not-started", JournalOutcome.NotStarted, "409", T0, CancellationToken.None);
        await journal.RecordOutcomeAsync("lost", JournalOutcome.Lost, "gone", T0, CancellationToken.None);
        var linesBefore = File.ReadAllLines(Path.Combine(_dir, FileRunJournal.FileName)).Length;

        var compacted = FileRunJournal.Open(_dir);
        Assert.Equal(["lost", "open"], compacted.Runs.Keys.Order(StringComparer.Ordinal));
        Assert.True(File.ReadAllLines(Path.Combine(_dir, FileRunJournal.FileName)).Length < linesBefore);
        Assert.Equal(JournalOutcome.Lost, FileRunJournal.OpenReadOnly(_dir).Runs["lost"].Outcome);
    }

    [Fact]
    public async Task A_meta_run_is_journaled_with_its_resolved_plan_and_survives_reopen_and_compaction()
    {
        // A nested meta (us_core_hedged lists the meta us_long_short): the whole resolved plan, every sleeve profile
        // included, is what a restart schedules again; nothing is looked up by name.
        var plan = Tessera.Orchestrations.Meta.MetaCatalog.Beside(new ProfileCatalog(RepositoryPaths.Profiles)).Resolve("us_core_hedged");
        var input = new Tessera.Orchestrations.Meta.MetaInput("meta-j", plan, T0.UtcDateTime);
        var journal = FileRunJournal.Open(_dir);
        await journal.RecordAcceptedAsync(input, T0, CancellationToken.None);
        await journal.RecordAcceptedAsync(new LifeCycleInput("life-j", Compact), T0.AddSeconds(1), CancellationToken.None);
        Assert.Equal(Tessera.Orchestrations.Meta.MetaSteps.Orchestrator, journal.Runs["meta-j"].Orchestrator);

        foreach (var reopened in new[] { FileRunJournal.OpenReadOnly(_dir), FileRunJournal.Open(_dir), FileRunJournal.OpenReadOnly(_dir) })
        {
            var run = reopened.Runs["meta-j"];
            Assert.Equal(JournalOutcome.Accepted, run.Outcome);
            Assert.Null(run.Input);
            Assert.Null(run.Backtest);
            Assert.Equal(Tessera.Orchestrations.Meta.MetaSteps.Orchestrator, run.Orchestrator);
            var scheduled = Assert.IsType<Tessera.Orchestrations.Meta.MetaInput>(run.ScheduledInput);
            Assert.Equal(AsJson(input), AsJson(scheduled));
            Assert.Equal(Tessera.Orchestrations.LifeCycle.LifeCycleSteps.Orchestrator, reopened.Runs["life-j"].Orchestrator);
        }

        // The runs whose progress is the meta's (an in-flight watch after a power cut judges a meta by them): every
        // sleeve it runs now, the nested meta's own sleeves included; none for a life cycle.
        Assert.Equal(
            ["meta-j-long_short", "meta-j-long_short-long_top15", "meta-j-long_short-long_breakout", "meta-j-long_short-short_bottom15", "meta-j-long_short-short_rsi2", "meta-j-core_long"],
            journal.Runs["meta-j"].SleeveRunsOfMeta());
        Assert.Empty(journal.Runs["life-j"].SleeveRunsOfMeta());

        // Settled like any run: compacted away on the next open.
        await FileRunJournal.Open(_dir).RecordOutcomeAsync("meta-j", JournalOutcome.Settled, "Completed", T0, CancellationToken.None);
        Assert.Equal(["life-j"], FileRunJournal.Open(_dir).Runs.Keys);
    }

    private static string AsJson<T>(T value) => System.Text.Json.JsonSerializer.Serialize(value, Tessera.Orchestrations.Artifacts.ArtifactJson.Options);

    [Fact]
    public async Task A_line_torn_by_a_crash_is_ignored_and_the_rest_is_read()
    {
        var journal = FileRunJournal.Open(_dir);
        await journal.RecordAcceptedAsync(new LifeCycleInput("whole", Compact), T0, CancellationToken.None);
        await File.AppendAllTextAsync(Path.Combine(_dir, FileRunJournal.FileName), "{\"kind\":\"accepted\",\"run_id\":\"torn\",\"inp");

        var reopened = FileRunJournal.Open(_dir);
        Assert.Equal(["whole"], reopened.Runs.Keys);
    }
}
