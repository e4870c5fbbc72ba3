using Tessera.Core.Errors;
using Tessera.Storage.Errors;
using Tessera.Storage.Lakehouse;

namespace Tessera.Orchestrations.Universe;

/// <summary>Fixes the lakehouse version a job will read before it starts (a run never sees later imports).</summary>
public static class SnapshotPin
{
    public static async Task<SnapshotLineage> CurrentAsync(Lakehouse? lakehouse, CancellationToken cancellationToken)
    {
        if (lakehouse is null)
        {
            throw new TesseraValidationException("universe.source", "lakehouse", "this host has no lakehouse configured");
        }

        LakehouseSnapshot? snapshot;
        try
        {
            snapshot = await lakehouse.OpenSnapshotAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (StorageNotFoundException)
        {
            snapshot = null; // the lakehouse container was never created
        }

        if (snapshot is null || snapshot.Symbols.Count == 0)
        {
            throw new TesseraValidationException("universe.source", "lakehouse", "the lakehouse is empty: import bars first ('tessera data import FILE' or 'tessera data generate --symbols N --days T --seed S')");
        }

        return snapshot.Lineage;
    }
}
