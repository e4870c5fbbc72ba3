using Tessera.Core.Errors;
using Tessera.Core.Portfolio;
using Tessera.Core.Portfolio.Estimators;
using Xunit;

namespace Tessera.Core.Tests.Portfolio;

public sealed class ReturnsCsvTests
{
    private static ReturnsTable Read(string text) => ReturnsCsv.Read(new StringReader(text), "t.csv");

    [Fact]
    public void Reads_a_date_column_and_one_column_per_asset()
    {
        var t = Read("date,A,B\n2024-01-02,0.01,-0.02\n2024-01-03,0.03,0.04\n");
        Assert.Equal(["A", "B"], t.AssetIds);
        Assert.Equal([0.01, 0.03], t.Columns[0]);
        Assert.Equal([-0.02, 0.04], t.Columns[1]);
        Assert.Equal(2, t.Dates.Count);
    }

    [Theory]
    [InlineData("date,A,B\n2024-01-02,0.01,NaN\n", "B", "t.csv:2")]
    [InlineData("date,A,B\n2024-01-02,0.01\n", "row", "t.csv:2")]
    [InlineData("date,A,B\n2024-01-02,0.01,\n", "B", "t.csv:2")]
    [InlineData("date,A,B\n2024-01-02,0.01,abc\n", "B", "t.csv:2")]
    [InlineData("date,A,A\n2024-01-02,0.01,0.02\n", "header", "t.csv:1")]
    [InlineData("date,A\n2024-01-02,0.01\n2024-01-02,0.02\n", "date", "t.csv:3")]
    public void Malformed_input_names_field_and_line(string csv, string field, string location)
    {
        var ex = Assert.Throws<TesseraValidationException>(() => Read(csv));
        Assert.Equal(field, ex.Field);
        Assert.Equal(location, ex.Location);
    }

    [Fact]
    public void Matrix_round_trips_with_labels()
    {
        var text = ReturnsCsv.WriteMatrix(["A", "B"], new CovarianceMatrix(2, [0.04, 0.01, 0.01, 0.09]));
        Assert.Equal("asset,A,B\nA,0.04,0.01\nB,0.01,0.09\n", text);
    }
}
