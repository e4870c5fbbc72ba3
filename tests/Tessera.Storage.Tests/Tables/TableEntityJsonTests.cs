using System.Text;
using System.Text.Json;
using Tessera.Core.Errors;
using Tessera.Storage.Tables;
using Xunit;

namespace Tessera.Storage.Tests.Tables;

/// <summary>Wire format per "Payload format for Table service operations" (JSON, OData v3): hand-written expected payloads.</summary>
public sealed class TableEntityJsonTests
{
    [Fact]
    public void Serializes_plain_json_for_string_bool_int32_and_annotates_the_other_edm_types()
    {
        var e = new TableEntity("p", "r")
        {
            ["S"] = "x",
            ["B"] = true,
            ["I"] = 7,
            ["L"] = 5L,
            ["D"] = 2.0,
            ["T"] = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero).AddTicks(1),
            ["G"] = Guid.Parse("11111111-2222-3333-4444-555555555555"),
            ["Y"] = new byte[] { 1, 2, 3 },
            ["N"] = null,
            ["Nan"] = double.NaN,
        };

        var json = Encoding.UTF8.GetString(TableEntityJson.Serialize(e, includeKeys: true));

        const string expected = "{\"PartitionKey\":\"p\",\"RowKey\":\"r\",\"S\":\"x\",\"B\":true,\"I\":7," +
            "\"L\":\"5\",\"L@odata.type\":\"Edm.Int64\"," +
            "\"D\":2.0,\"D@odata.type\":\"Edm.Double\"," +
            "\"T\":\"2026-01-02T03:04:05.0000001Z\",\"T@odata.type\":\"Edm.DateTime\"," +
            "\"G\":\"11111111-2222-3333-4444-555555555555\",\"G@odata.type\":\"Edm.Guid\"," +
            "\"Y\":\"AQID\",\"Y@odata.type\":\"Edm.Binary\"," +
            "\"Nan\":\"NaN\",\"Nan@odata.type\":\"Edm.Double\"}";
        Assert.Equal(expected, json);
    }

    [Fact]
    public void Deserializes_minimal_metadata_payloads_into_the_matching_clr_types()
    {
        const string payload = "{\"odata.metadata\":\"m\",\"odata.etag\":\"W/\\\"e\\\"\",\"PartitionKey\":\"p\",\"RowKey\":\"r\"," +
            "\"Timestamp\":\"2026-01-02T03:04:05.1234567Z\",\"I\":3,\"D\":42.0,\"D2\":0.5,\"L@odata.type\":\"Edm.Int64\",\"L\":\"9007199254740993\"," +
            "\"Inf@odata.type\":\"Edm.Double\",\"Inf\":\"-Infinity\",\"S\":\"s\",\"F\":false}";
        using var doc = JsonDocument.Parse(payload);

        var e = TableEntityJson.Deserialize(doc.RootElement);

        Assert.Equal("p", e.PartitionKey);
        Assert.Equal("r", e.RowKey);
        Assert.Equal("W/\"e\"", e.ETag);
        Assert.Equal(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero).AddTicks(1_234_567), e.Timestamp);
        Assert.Equal(3, Assert.IsType<int>(e["I"]));
        Assert.Equal(42.0, Assert.IsType<double>(e["D"]));
        Assert.Equal(0.5, e["D2"]);
        Assert.Equal(9_007_199_254_740_993L, Assert.IsType<long>(e["L"]));
        Assert.Equal(double.NegativeInfinity, e["Inf"]);
        Assert.Equal("s", e["S"]);
        Assert.Equal(false, e["F"]);
        Assert.Equal(7, e.Properties.Count);
    }

    [Theory]
    [InlineData("PartitionKey")]
    [InlineData("Timestamp")]
    [InlineData("odata.etag")]
    [InlineData("a@b")]
    [InlineData("has space")]
    [InlineData("9lives")]
    public void Reserved_or_malformed_property_names_are_rejected(string name)
    {
        var e = new TableEntity("p", "r") { [name] = 1 };
        var error = Assert.Throws<TesseraValidationException>(() => TableEntityJson.Serialize(e, includeKeys: true));
        Assert.Equal("property name", error.Field);
    }
}
