namespace Tessera.Orchestrations.Application.History;

/// <summary>
/// Reads the durable runtime's own history of a run (the events it replays the orchestration from), in order, for
/// the latest execution. Empty when the runtime holds no history for the id (never started, or purged).
/// </summary>
public interface IRunHistory
{
    Task<IReadOnlyList<HistoryRecord>> ReadAsync(string runId, CancellationToken cancellationToken);
}
