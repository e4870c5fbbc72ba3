using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Tessera.Orchestrations.Application.Journal;
using Tessera.Orchestrations.Artifacts;
using Tessera.Orchestrations.Backtests;
using Tessera.Orchestrations.LifeCycle;
using Tessera.Orchestrations.Meta;

namespace Tessera.Local.Hosting;

/// <summary>
/// The local host's accepted-run journal (life cycles, backtest runs and meta portfolios): one JSON line per event in <c>runs-journal.jsonl</c> under the data folder,
/// each appended with write-through and flushed to disk (fsync) before the call returns. On open it is read back and
/// compacted (settled and never-started runs dropped; accepted, rescheduled and lost runs kept), by writing a new file,
/// flushing it and renaming it over the old one, so a crash mid-compaction leaves one complete journal.
/// </summary>
public sealed class FileRunJournal : IRunJournal
{
    public const string FileName = "runs-journal.jsonl";

    private readonly string _path;
    private readonly SemaphoreSlim _append = new(1, 1);
    private readonly ConcurrentDictionary<string, JournalRun> _runs;

    private FileRunJournal(string path, ConcurrentDictionary<string, JournalRun> runs)
    {
        _path = path;
        _runs = runs;
    }

    public IReadOnlyDictionary<string, JournalRun> Runs => _runs;

    /// <summary>Opens the journal of a host that runs work: reads it and compacts it.</summary>
    public static FileRunJournal Open(string dataFolder)
    {
        var journal = OpenReadOnly(dataFolder);
        Compact(journal._path, journal._runs);
        return journal;
    }

    /// <summary>
    /// Opens the journal to read (e.g. <c>tessera status</c> beside a running host): never compacts, since the owner may be
    /// appending at the same moment.
    /// </summary>
    public static FileRunJournal OpenReadOnly(string dataFolder)
    {
        Directory.CreateDirectory(dataFolder);
        var path = Path.Combine(dataFolder, FileName);
        var runs = new ConcurrentDictionary<string, JournalRun>(StringComparer.Ordinal);
        if (File.Exists(path))
        {
            foreach (var line in File.ReadLines(path))
            {
                Apply(runs, line);
            }
        }

        return new FileRunJournal(path, runs);
    }

    public Task RecordAcceptedAsync(LifeCycleInput input, DateTimeOffset acceptedAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var run = new JournalRun(input.RunId, acceptedAt, input, JournalOutcome.Accepted, null);
        return AppendAsync(new JournalLine("accepted", input.RunId, acceptedAt, input, null, null), run, cancellationToken);
    }

    public Task RecordAcceptedAsync(BacktestRunInput input, DateTimeOffset acceptedAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var run = new JournalRun(input.RunId, acceptedAt, null, JournalOutcome.Accepted, null, input);
        return AppendAsync(new JournalLine("accepted", input.RunId, acceptedAt, null, null, null, input), run, cancellationToken);
    }

    public Task RecordAcceptedAsync(MetaInput input, DateTimeOffset acceptedAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var run = new JournalRun(input.RunId, acceptedAt, null, JournalOutcome.Accepted, null, null, input);
        return AppendAsync(new JournalLine("accepted", input.RunId, acceptedAt, null, null, null, null, input), run, cancellationToken);
    }

    public Task RecordOutcomeAsync(string runId, JournalOutcome outcome, string? reason, DateTimeOffset at, CancellationToken cancellationToken)
    {
        if (!_runs.TryGetValue(runId, out var run))
        {
            return Task.CompletedTask;
        }

        return AppendAsync(new JournalLine("outcome", runId, at, null, outcome, reason), run with { Outcome = outcome, Reason = reason }, cancellationToken);
    }

    private async Task AppendAsync(JournalLine line, JournalRun state, CancellationToken cancellationToken)
    {
        var bytes = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(line, Json) + "\n");
        await _append.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var file = new FileStream(_path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite, 4096, FileOptions.WriteThrough);
            await file.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
            file.Flush(flushToDisk: true);
            _runs[state.RunId] = state;
        }
        finally
        {
            _append.Release();
        }
    }

    private static void Apply(ConcurrentDictionary<string, JournalRun> runs, string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return;
        }

        JournalLine? line;
        try
        {
            line = JsonSerializer.Deserialize<JournalLine>(text, Json);
        }
        catch (JsonException)
        {
            return; // a line torn by a crash mid-write: it was never acknowledged to anyone
        }

        if (line is null)
        {
            return;
        }

        if (line.Kind == "accepted" && (line.Input is not null || line.Backtest is not null || line.Meta is not null))
        {
            runs[line.RunId] = new JournalRun(line.RunId, line.At, line.Input, JournalOutcome.Accepted, null, line.Backtest, line.Meta);
        }
        else if (line.Kind == "outcome" && line.Outcome is { } outcome && runs.TryGetValue(line.RunId, out var run))
        {
            runs[line.RunId] = run with { Outcome = outcome, Reason = line.Reason };
        }
    }

    private static void Compact(string path, ConcurrentDictionary<string, JournalRun> runs)
    {
        foreach (var (id, run) in runs)
        {
            if (run.Outcome is JournalOutcome.Settled or JournalOutcome.NotStarted)
            {
                runs.TryRemove(id, out _);
            }
        }

        var temp = path + ".compacting";
        using (var file = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 4096, FileOptions.WriteThrough))
        using (var writer = new StreamWriter(file, new UTF8Encoding(false)))
        {
            foreach (var run in runs.Values.OrderBy(r => r.AcceptedAt))
            {
                writer.Write(JsonSerializer.Serialize(new JournalLine("accepted", run.RunId, run.AcceptedAt, run.Input, null, null, run.Backtest, run.Meta), Json) + "\n");
                if (run.Outcome != JournalOutcome.Accepted)
                {
                    writer.Write(JsonSerializer.Serialize(new JournalLine("outcome", run.RunId, run.AcceptedAt, null, run.Outcome, run.Reason), Json) + "\n");
                }
            }

            writer.Flush();
            file.Flush(flushToDisk: true);
        }

        File.Move(temp, path, overwrite: true);
    }

    private static JsonSerializerOptions Json { get; } = new(ArtifactJson.Options) { WriteIndented = false };

    /// <summary>One line of the journal.</summary>
    private sealed record JournalLine(string Kind, string RunId, DateTimeOffset At, LifeCycleInput? Input, JournalOutcome? Outcome, string? Reason, BacktestRunInput? Backtest = null, MetaInput? Meta = null);
}
