namespace Tessera.Orchestrations.Application.History;

/// <summary>
/// One step of a run (one activity name) as the runtime's history shows it. A step that fans out (the optimizers)
/// is one step with several calls. Attempts counts every scheduling, Retries the schedulings that followed a failed
/// attempt of the same step (the RetryPolicy at work): Attempts = Calls + Retries.
/// </summary>
/// <param name="Status">Running (an attempt has no answer yet), Completed (every call completed) or Failed (a call failed and was not retried).</param>
/// <param name="StartedAt">when the first attempt was scheduled.</param>
/// <param name="EndedAt">when the last answer arrived; null while an attempt is outstanding.</param>
public sealed record RunStep(string Name, string Status, int Calls, int Attempts, int Retries, DateTimeOffset StartedAt, DateTimeOffset? EndedAt);
