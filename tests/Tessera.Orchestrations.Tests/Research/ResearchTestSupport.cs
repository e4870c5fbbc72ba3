using System.Globalization;
using Tessera.Orchestrations.Research;
using Tessera.Storage.Blobs;
using Tessera.Testing;
using Tessera.Trading.Events;
using Tessera.Storage.Research;

namespace Tessera.Orchestrations.Tests.Research;

/// <summary>Maps the fixed research container to a container of the test's own, so tests sharing one Azurite never see each other's files.</summary>
internal sealed class OwnContainerBlobStore(IBlobStore inner, string container) : DelegatingBlobStore(inner)
{
    private string Map(string c) => c == ResearchStore.Container ? container : c;

    public override Task CreateContainerIfNotExistsAsync(string c, CancellationToken cancellationToken = default) => base.CreateContainerIfNotExistsAsync(Map(c), cancellationToken);

    public override Task<string> PutAsync(string c, string name, ReadOnlyMemory<byte> content, BlobWriteCondition condition = default, string? contentType = null, CancellationToken cancellationToken = default) =>
        base.PutAsync(Map(c), name, content, condition, contentType, cancellationToken);

    public override Task<BlobDownload> GetAsync(string c, string name, BlobRange? range = null, CancellationToken cancellationToken = default) => base.GetAsync(Map(c), name, range, cancellationToken);

    public override Task<BlobProperties?> TryGetPropertiesAsync(string c, string name, CancellationToken cancellationToken = default) => base.TryGetPropertiesAsync(Map(c), name, cancellationToken);

    public override Task<BlobListPage> ListPageAsync(string c, string? prefix, string? marker, int maxResults = 5000, CancellationToken cancellationToken = default) => base.ListPageAsync(Map(c), prefix, marker, maxResults, cancellationToken);

    public override IAsyncEnumerable<BlobProperties> ListAsync(string c, string? prefix, CancellationToken cancellationToken = default) => base.ListAsync(Map(c), prefix, cancellationToken);

    public override Task<bool> DeleteAsync(string c, string name, string? ifMatchETag = null, CancellationToken cancellationToken = default) => base.DeleteAsync(Map(c), name, ifMatchETag, cancellationToken);

    public override Task<string> CreateAppendBlobAsync(string c, string name, bool createOnly = true, CancellationToken cancellationToken = default) => base.CreateAppendBlobAsync(Map(c), name, createOnly, cancellationToken);

    public override Task<long> AppendBlockAsync(string c, string name, ReadOnlyMemory<byte> block, long? expectedAppendPosition = null, CancellationToken cancellationToken = default) =>
        base.AppendBlockAsync(Map(c), name, block, expectedAppendPosition, cancellationToken);
}

/// <summary>Keeps what was published, in order.</summary>
internal sealed class RecordingPublisher : ITradingEventPublisher
{
    public List<TradingEvent> Events { get; } = [];

    public void Publish(TradingEvent tradingEvent) => Events.Add(tradingEvent);
}

/// <summary>Small files in SEC EDGAR's companyfacts format: one fiscal year (2022-10-01..2023-09-30) with every concept the reader needs.</summary>
internal static class CompanyFactsText
{
    public static string Valid(string revenue = "1000000000", string revenueUnit = "USD", bool withNetIncome = true)
    {
        var gaap = new List<string>
        {
            Concept("Revenues", revenueUnit, Duration(revenue)),
            Concept("OperatingIncomeLoss", "USD", Duration("200000000")),
            Concept("NetCashProvidedByUsedInOperatingActivities", "USD", Duration("250000000")),
            Concept("PaymentsToAcquirePropertyPlantAndEquipment", "USD", Duration("50000000")),
            Concept("LongTermDebt", "USD", Instant("300000000")),
            Concept("CashAndCashEquivalentsAtCarryingValue", "USD", Instant("100000000")),
        };
        if (withNetIncome)
        {
            gaap.Add(Concept("NetIncomeLoss", "USD", Duration("150000000")));
        }

        var shares = Concept("EntityCommonStockSharesOutstanding", "shares", "{\"end\": \"2023-10-20\", \"val\": 50000000, \"fy\": 2023, \"fp\": \"FY\", \"form\": \"10-K\", \"filed\": \"2023-11-03\"}");
        return "{\"cik\": 320193, \"entityName\": \"Example Inc.\", \"facts\": {\"us-gaap\": {" + string.Join(", ", gaap) + "}, \"dei\": {" + shares + "}}}";
    }

    private static string Concept(string name, string unit, string fact) => "\"" + name + "\": {\"units\": {\"" + unit + "\": [" + fact + "]}}";

    private static string Duration(string val) =>
        "{\"start\": \"2022-10-01\", \"end\": \"2023-09-30\", \"val\": " + val + ", \"fy\": 2023, \"fp\": \"FY\", \"form\": \"10-K\", \"filed\": \"2023-11-03\"}";

    private static string Instant(string val) =>
        "{\"end\": \"2023-09-30\", \"val\": " + val + ", \"fy\": 2023, \"fp\": \"FY\", \"form\": \"10-K\", \"filed\": \"2023-11-03\"}";

    public static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
