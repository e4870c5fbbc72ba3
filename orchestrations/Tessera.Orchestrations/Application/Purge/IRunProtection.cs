namespace Tessera.Orchestrations.Application.Purge;

/// <summary>
/// Whether governance has marked a run so that its history must be kept (canary, promoted, frozen). The purge asks
/// before it deletes anything; governance itself does not exist yet, only the place it will write its marks.
/// </summary>
public interface IRunProtection
{
    /// <summary>The run's mark (e.g. "canary"), or null when the run is not protected.</summary>
    Task<string?> MarkOfAsync(string runId, CancellationToken cancellationToken);
}
