using Tessera.Orchestrations.Artifacts;
using Tessera.Orchestrations.Runs;
using Tessera.Storage.Blobs;
using Tessera.Storage.Tables;
using Tessera.Trading.Ledger;

namespace Tessera.Orchestrations.Application.Governance;

/// <summary>The run index, the governance chain and the governance service of one host, built in one place for every host.</summary>
public sealed record GovernanceParts(RunIndex Index, GovernanceChain Chain, GovernanceService Service)
{
    public static GovernanceParts Create(IBlobStore blobs, ITableStore tables, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(blobs);
        ArgumentNullException.ThrowIfNull(tables);
        ArgumentNullException.ThrowIfNull(clock);
        var index = new RunIndex(new RunIndexTable(tables), blobs, clock);
        var chain = new GovernanceChain(new BlobAuditLedger(blobs, clock));
        return new GovernanceParts(index, chain, new GovernanceService(new RunArtifactStore(blobs), index, chain, clock));
    }
}
