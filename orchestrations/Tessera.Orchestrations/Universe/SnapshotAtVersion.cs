using Tessera.Core.Determinism;
using Tessera.Core.Errors;
using Tessera.Storage.Blobs;
using Tessera.Storage.Errors;
using Tessera.Storage.Lakehouse;

namespace Tessera.Orchestrations.Universe;

/// <summary>
/// Pins an earlier lakehouse version by number: its immutable manifest (manifests/v{N:D8}-{sha16}.json) is found,
/// read and hashed, so the run reads exactly that version and its lineage records the manifest's SHA-256.
/// </summary>
public static class SnapshotAtVersion
{
    public static async Task<SnapshotLineage> PinAsync(IBlobStore blobs, Lakehouse? lakehouse, int version, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(blobs);
        var lake = lakehouse ?? throw new TesseraValidationException("universe.lakehouse_version", version.ToString(System.Globalization.CultureInfo.InvariantCulture), "this host has no lakehouse configured");
        var container = lake.Options.Container;
        var prefix = "manifests/v" + version.ToString("D8", System.Globalization.CultureInfo.InvariantCulture) + "-";
        var names = new List<string>();
        try
        {
            await foreach (var blob in blobs.ListAsync(container, prefix, cancellationToken).ConfigureAwait(false))
            {
                names.Add(blob.Name);
            }
        }
        catch (StorageNotFoundException)
        {
            // the lakehouse container was never created: no versions
        }

        if (names.Count != 1)
        {
            throw new TesseraValidationException("universe.lakehouse_version", version.ToString(System.Globalization.CultureInfo.InvariantCulture),
                names.Count == 0 ? "no such lakehouse version (see 'tessera data status')" : "the lakehouse holds several manifests for this version");
        }

        var bytes = (await blobs.GetAsync(container, names[0], null, cancellationToken).ConfigureAwait(false)).Content;
        var lineage = new SnapshotLineage(container, version, names[0], Sha256Hex.Of(bytes));
        var snapshot = await lake.OpenSnapshotAsync(lineage, cancellationToken).ConfigureAwait(false); // verifies the version inside the manifest too
        if (snapshot.Version != version)
        {
            throw new TesseraValidationException("universe.lakehouse_version", version.ToString(System.Globalization.CultureInfo.InvariantCulture), "the manifest found holds version " + snapshot.Version.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        return lineage;
    }
}
