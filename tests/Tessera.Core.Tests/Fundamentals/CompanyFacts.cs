using System.Text.Json.Nodes;

namespace Tessera.Core.Tests.Fundamentals;

/// <summary>Writes small files in EDGAR's companyfacts format (the shape of data.sec.gov/api/xbrl/companyfacts/CIK*.json).</summary>
internal sealed class CompanyFacts
{
    private readonly JsonObject _gaap = [];
    private readonly JsonObject _dei = [];

    public static CompanyFacts Valid() => new CompanyFacts()
        .Duration("Revenues", "USD", "2022-10-01", "2023-09-30", 1_000_000_000, filed: "2023-11-03")
        .Duration("Revenues", "USD", "2021-10-01", "2022-09-30", 900_000_000, filed: "2022-11-04")
        .Duration("Revenues", "USD", "2021-10-01", "2022-09-30", 900_000_000, filed: "2023-11-03") // comparative, same value
        .Duration("OperatingIncomeLoss", "USD", "2022-10-01", "2023-09-30", 200_000_000)
        .Duration("NetIncomeLoss", "USD", "2022-10-01", "2023-09-30", 150_000_000)
        .Duration("NetCashProvidedByUsedInOperatingActivities", "USD", "2022-10-01", "2023-09-30", 250_000_000)
        .Duration("PaymentsToAcquirePropertyPlantAndEquipment", "USD", "2022-10-01", "2023-09-30", 50_000_000)
        .Instant("us-gaap", "LongTermDebt", "USD", "2023-09-30", 300_000_000)
        .Instant("us-gaap", "CashAndCashEquivalentsAtCarryingValue", "USD", "2023-09-30", 100_000_000)
        .Instant("dei", "EntityCommonStockSharesOutstanding", "shares", "2023-10-20", 50_000_000);

    public CompanyFacts Duration(string concept, string unit, string start, string end, object val, string filed = "2023-11-03", string form = "10-K", string fp = "FY")
    {
        Add(_gaap, concept, unit, new JsonObject
        {
            ["start"] = start,
            ["end"] = end,
            ["val"] = JsonValue.Create(val),
            ["accn"] = "0000000000-23-000001",
            ["fy"] = 2023,
            ["fp"] = fp,
            ["form"] = form,
            ["filed"] = filed,
        });
        return this;
    }

    public CompanyFacts Instant(string taxonomy, string concept, string unit, string end, object val, string filed = "2023-11-03")
    {
        Add(taxonomy == "dei" ? _dei : _gaap, concept, unit, new JsonObject { ["end"] = end, ["val"] = JsonValue.Create(val), ["fy"] = 2023, ["fp"] = "FY", ["form"] = "10-K", ["filed"] = filed });
        return this;
    }

    public CompanyFacts Without(string concept)
    {
        _gaap.Remove(concept);
        _dei.Remove(concept);
        return this;
    }

    public byte[] Bytes() => System.Text.Encoding.UTF8.GetBytes(new JsonObject
    {
        ["cik"] = 1234567,
        ["entityName"] = "Test Co",
        ["facts"] = new JsonObject { ["dei"] = _dei.DeepClone(), ["us-gaap"] = _gaap.DeepClone() },
    }.ToJsonString());

    private static void Add(JsonObject taxonomy, string concept, string unit, JsonObject fact)
    {
        if (taxonomy[concept] is not JsonObject node)
        {
            taxonomy[concept] = node = new JsonObject { ["label"] = concept, ["units"] = new JsonObject() };
        }

        var units = (JsonObject)node["units"]!;
        if (units[unit] is not JsonArray list)
        {
            units[unit] = list = [];
        }

        list.Add(fact);
    }
}
