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
    public async Task A_line_torn_by_a_crash_is_ignored_and_the_rest_is_read()
    {
        var journal = FileRunJournal.Open(_dir);
        await journal.RecordAcceptedAsync(new LifeCycleInput("whole", Compact), T0, CancellationToken.None);
        await File.AppendAllTextAsync(Path.Combine(_dir, FileRunJournal.FileName), "{\"kind\":\"accepted\",\"run_id\":\"torn\",\"inp");

        var reopened = FileRunJournal.Open(_dir);
        Assert.Equal(["whole"], reopened.Runs.Keys);
    }
}
