namespace Tessera.Core.Fundamentals;

/// <summary>One ticker's input to the gatekeeper: its companyfacts file and, optionally, the price and enterprise value to cross-check.</summary>
public sealed record GatekeeperInput(string Ticker, ReadOnlyMemory<byte> CompanyFacts, double? Price = null, double? EnterpriseValue = null);

/// <summary>The batch result: accepted snapshots and rejections (each written to rejected_tickers/ and emitted as TICKER_REJECTED).</summary>
public sealed record GatekeeperResult(IReadOnlyList<FundamentalSnapshot> Accepted, IReadOnlyList<TickerRejection> Rejected);

/// <summary>
/// The FundamentalGatekeeper (seed 000 gatekeeper.py): reads each ticker's companyfacts, validates the snapshot field by
/// field and across fields, and sorts tickers into accepted and rejected; one bad ticker never stops the batch. Pure:
/// the host writes the rejections (one JSON line each) and the events.
/// </summary>
public static class FundamentalGatekeeper
{
    public static GatekeeperResult Run(IReadOnlyList<GatekeeperInput> inputs, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var accepted = new List<FundamentalSnapshot>(inputs.Count);
        var rejected = new List<TickerRejection>();
        foreach (var input in inputs)
        {
            try
            {
                var snapshot = CompanyFactsReader.Read(input.Ticker, input.CompanyFacts.Span);
                accepted.Add(FundamentalSnapshotRules.Validate(snapshot, asOf, input.Price, input.EnterpriseValue));
            }
            catch (FundamentalRejectedException e)
            {
                rejected.Add(e.Rejection);
            }
        }

        return new GatekeeperResult(accepted, rejected);
    }
}
