using Tessera.Core.Errors;
using Tessera.Storage.Tables;
using Xunit;

namespace Tessera.Storage.Tests.Tables;

/// <summary>Literal forms from the OData v3 / Table service query syntax ("Querying tables and entities", learn.microsoft.com).</summary>
public sealed class TableFilterTests
{
    [Fact]
    public void String_literals_double_single_quotes()
    {
        Assert.Equal("PartitionKey eq 'O''Brien'", TableFilter.PartitionKeyEquals("O'Brien"));
        Assert.Equal("RowKey eq ''' or 1 eq 1 or ''='''", TableFilter.RowKeyEquals("' or 1 eq 1 or '='"));
    }

    [Fact]
    public void Typed_literals_follow_the_odata_forms()
    {
        Assert.Equal("42", TableFilter.Literal(42));
        Assert.Equal("10000000000L", TableFilter.Literal(10_000_000_000L));
        Assert.Equal("-1L", TableFilter.Literal(-1L));
        Assert.Equal("2.5", TableFilter.Literal(2.5));
        Assert.Equal("3.0", TableFilter.Literal(3.0));
        Assert.Equal("1E-07", TableFilter.Literal(1e-7));
        Assert.Equal("true", TableFilter.Literal(true));
        Assert.Equal("datetime'2026-01-02T03:04:05.0000000Z'", TableFilter.Literal(new DateTimeOffset(2026, 1, 2, 5, 4, 5, TimeSpan.FromHours(2))));
        Assert.Equal("guid'0f8fad5b-d9cb-469f-a165-70867728950e'", TableFilter.Literal(Guid.Parse("0F8FAD5B-D9CB-469F-A165-70867728950E")));
        Assert.Equal("X'00FF10'", TableFilter.Literal(new byte[] { 0x00, 0xFF, 0x10 }));
    }

    [Fact]
    public void Combinators_parenthesize_every_clause()
    {
        var filter = TableFilter.And(TableFilter.PartitionKeyEquals("p"), TableFilter.Or(TableFilter.Compare("A", "gt", 1), TableFilter.Not(TableFilter.Compare("B", "eq", "x"))));
        Assert.Equal("(PartitionKey eq 'p') and ((A gt 1) or (not (B eq 'x')))", filter);
        Assert.Equal("A eq 1", TableFilter.And(TableFilter.Compare("A", "eq", 1)));
    }

    [Fact]
    public void StartsWith_is_a_half_open_key_range()
    {
        Assert.Equal("(RowKey ge 'run-0') and (RowKey lt 'run-1')", TableFilter.StartsWith("RowKey", "run-0"));
        Assert.Equal("(RowKey ge 'a''z') and (RowKey lt 'a''{')", TableFilter.StartsWith("RowKey", "a'z"));
    }

    [Theory]
    [InlineData("A eq 1 or B", "eq")]
    [InlineData("1A", "eq")]
    [InlineData("", "eq")]
    [InlineData("A", "eq 1 or A")]
    [InlineData("A", "like")]
    public void Property_names_and_operators_are_validated(string property, string op)
    {
        Assert.Throws<TesseraValidationException>(() => TableFilter.Compare(property, op, 1));
    }

    [Fact]
    public void Unsupported_or_non_finite_values_are_rejected()
    {
        Assert.Throws<TesseraValidationException>(() => TableFilter.Literal(double.NaN));
        Assert.Throws<TesseraValidationException>(() => TableFilter.Literal(1.5m));
        Assert.Throws<TesseraValidationException>(() => TableFilter.Literal(null!));
    }
}
