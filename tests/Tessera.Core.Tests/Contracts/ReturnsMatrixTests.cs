using Tessera.Core.Contracts;
using Xunit;

namespace Tessera.Core.Tests.Contracts;

public sealed class ReturnsMatrixTests
{
    private static readonly long[] Dates = [Bars.Day(1), Bars.Day(2), Bars.Day(3)];

    [Fact]
    public void Exposes_columns_by_index_and_symbol()
    {
        var m = new ReturnsMatrix(Dates, ["A", "B"], [[0.1, -0.2, 0.0], [1.5, -0.5, 5.0]]);
        Assert.Equal(3, m.Rows);
        Assert.Equal(2, m.Assets);
        Assert.Equal(-0.5, m[1, 1]);
        Assert.Equal(1, m.IndexOf("B"));
        Assert.Equal(-1, m.IndexOf("C"));
        Assert.Equal([0.1, -0.2, 0.0], m.Column("A").ToArray());
    }

    public static TheoryData<string, string> Invalid() => new()
    {
        { "unsorted", ContractRules.NotSorted },
        { "duplicate-date", ContractRules.Duplicate },
        { "nan", ContractRules.NonFinite },
        { "toxic", ContractRules.ToxicReturn },
        { "duplicate-symbol", "symbols must be unique and non-empty" },
        { "short-column", "column length must equal the number of dates" },
        { "empty", ContractRules.EmptyMatrix },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Refuses_to_exist_when_an_invariant_is_broken(string breakage, string rule)
    {
        long[] dates = [.. Dates];
        string[] symbols = ["A", "B"];
        double[][] cols = [[0.1, 0.2, 0.3], [0.1, 0.2, 0.3]];
        switch (breakage)
        {
            case "unsorted": dates[2] = dates[0]; dates[2] -= 1; break;
            case "duplicate-date": dates[2] = dates[1]; break;
            case "nan": cols[1][2] = double.NaN; break;
            case "toxic": cols[0][1] = -5.01; break;
            case "duplicate-symbol": symbols[1] = "A"; break;
            case "short-column": cols[1] = [0.1]; break;
            case "empty": symbols = []; cols = []; break;
        }

        var ex = Assert.Throws<ContractViolationException>(() => new ReturnsMatrix(dates, symbols, cols));
        Assert.Equal(rule, ex.Rule);
    }
}
