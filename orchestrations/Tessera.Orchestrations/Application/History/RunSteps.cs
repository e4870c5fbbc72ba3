namespace Tessera.Orchestrations.Application.History;

/// <summary>
/// Folds a run's history into its steps. The SDK's RetryPolicy retries inside the orchestration: a failed attempt
/// is answered by TaskFailed, a durable timer waits the back-off, and the same activity is scheduled again. So a
/// TaskScheduled that follows an unconsumed TaskFailed of the same activity is a retry; one that does not is a new
/// call (fan-out schedules several calls of one activity in a single turn, before any answer).
/// </summary>
public static class RunSteps
{
    public static IReadOnlyList<RunStep> FromHistory(IReadOnlyList<HistoryRecord> history)
    {
        ArgumentNullException.ThrowIfNull(history);
        var order = new List<string>();
        var byName = new Dictionary<string, Accumulator>(StringComparer.Ordinal);
        var nameOfTask = new Dictionary<int, string>();
        foreach (var e in history)
        {
            switch (e.EventType)
            {
                case "TaskScheduled" when e.Name is not null:
                    if (!byName.TryGetValue(e.Name, out var step))
                    {
                        step = new Accumulator(e.Timestamp);
                        byName.Add(e.Name, step);
                        order.Add(e.Name);
                    }

                    nameOfTask[e.EventId] = e.Name;
                    step.Attempts++;
                    step.Outstanding++;
                    if (step.UnretriedFailures > 0)
                    {
                        step.UnretriedFailures--;
                        step.Retries++;
                    }

                    break;
                case "TaskCompleted" or "TaskFailed" when e.TaskScheduledId is { } id && nameOfTask.TryGetValue(id, out var name):
                    var answered = byName[name];
                    answered.Outstanding--;
                    answered.LastAnswer = e.Timestamp;
                    if (e.EventType == "TaskFailed")
                    {
                        answered.UnretriedFailures++;
                    }

                    break;
            }
        }

        var steps = new List<RunStep>(order.Count);
        foreach (var name in order)
        {
            var s = byName[name];
            var status = s.Outstanding > 0 ? "Running" : s.UnretriedFailures > 0 ? "Failed" : "Completed";

            // A failure is "unretried" until a retry is scheduled, so while the back-off timer runs the step shows
            // Failed with an end time; the next scheduling turns it back to Running.
            steps.Add(new RunStep(name, status, s.Attempts - s.Retries, s.Attempts, s.Retries, s.FirstScheduled, s.Outstanding > 0 ? null : s.LastAnswer));
        }

        return steps;
    }

    private sealed class Accumulator(DateTimeOffset firstScheduled)
    {
        public DateTimeOffset FirstScheduled { get; } = firstScheduled;

        public DateTimeOffset? LastAnswer { get; set; }

        public int Attempts { get; set; }

        public int Retries { get; set; }

        public int Outstanding { get; set; }

        public int UnretriedFailures { get; set; }
    }
}
