using Microsoft.Extensions.Logging;

namespace Tessera.Durable;

/// <summary>Outcome of replaying a recorded history through the registered orchestrator code.</summary>
public sealed record ReplayResult(IReadOnlyList<ScheduledStep> RecordedSteps, IReadOnlyList<ScheduledStep> ReplayedSteps, Exception? NonDeterminism)
{
    public bool IsDeterministic => NonDeterminism is null && RecordedSteps.SequenceEqual(ReplayedSteps);

    /// <summary>First difference between the two sequences, or null.</summary>
    public string? FirstDifference()
    {
        if (NonDeterminism is not null)
        {
            return NonDeterminism.Message;
        }

        var n = Math.Max(RecordedSteps.Count, ReplayedSteps.Count);
        for (var i = 0; i < n; i++)
        {
            var recorded = i < RecordedSteps.Count ? RecordedSteps[i].ToString() : "(nothing)";
            var replayed = i < ReplayedSteps.Count ? ReplayedSteps[i].ToString() : "(nothing)";
            if (!string.Equals(recorded, replayed, StringComparison.Ordinal))
            {
                return $"step {i}: recorded {recorded}, replayed {replayed}";
            }
        }

        return null;
    }
}

/// <summary>
/// Re-runs an orchestrator over a recorded history, in memory (no storage, no activities executed), and compares
/// the steps the code schedules (activities, sub-orchestrations, timers, in order) with the recorded ones.
/// </summary>
public static class ReplayVerifier
{
    public static ReplayResult Replay(DurableRegistry registry, string instanceId, IReadOnlyList<HistoryEvent> history, ILoggerFactory? loggers = null)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(history);
        if (history.Count == 0 || history[0].EventType != HistoryEventType.ExecutionStarted)
        {
            throw new ArgumentException("history must start with ExecutionStarted", nameof(history));
        }

        var started = history[0];
        var executor = new OrchestrationExecutor(
            instanceId, registry.GetOrchestrator(started.Name ?? string.Empty), registry.Json, loggers, history);
        executor.Begin(started);
        foreach (var e in history.Skip(1))
        {
            if (executor.Fatal is not null)
            {
                break;
            }

            if (e.IsInbound)
            {
                executor.Deliver(e);
            }
        }

        executor.EndReplay();
        var recorded = history.Where(e => e.IsScheduling).OrderBy(e => e.TaskId)
            .Select(e => new ScheduledStep(ScheduledStep.KindOf(e.EventType), e.Name ?? string.Empty, e.TaskId)).ToList();
        return new ReplayResult(recorded, executor.Steps.ToList(), executor.Fatal);
    }

    /// <summary>Throws <see cref="NonDeterministicOrchestrationException"/> unless the replay schedules exactly the recorded steps.</summary>
    public static ReplayResult Verify(DurableRegistry registry, string instanceId, IReadOnlyList<HistoryEvent> history)
    {
        var result = Replay(registry, instanceId, history);
        if (result.NonDeterminism is NonDeterministicOrchestrationException nd)
        {
            throw nd;
        }

        if (!result.IsDeterministic)
        {
            var at = Enumerable.Range(0, Math.Max(result.RecordedSteps.Count, result.ReplayedSteps.Count))
                .First(i => i >= result.RecordedSteps.Count || i >= result.ReplayedSteps.Count || result.RecordedSteps[i] != result.ReplayedSteps[i]);
            throw new NonDeterministicOrchestrationException(
                instanceId,
                at,
                at < result.RecordedSteps.Count ? result.RecordedSteps[at].ToString() : "(nothing)",
                at < result.ReplayedSteps.Count ? result.ReplayedSteps[at].ToString() : "(nothing)");
        }

        return result;
    }
}
