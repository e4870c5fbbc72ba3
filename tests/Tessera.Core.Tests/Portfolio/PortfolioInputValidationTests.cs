using Tessera.Core.Errors;
using Tessera.Core.Portfolio;
using Tessera.Core.Portfolio.Allocation;
using Xunit;

namespace Tessera.Core.Tests.Portfolio;

public sealed class PortfolioInputValidationTests
{
    private static AllocationProblem Problem(string[] ids, double[][] returns) => new() { AssetIds = ids, Returns = returns };

    [Fact]
    public void NaN_in_returns_is_named_with_asset_and_row()
    {
        var r = PortfolioTestData.FactorReturns(3, 20, 1);
        r[1][7] = double.NaN;
        var ex = Assert.Throws<TesseraValidationException>(() => new EqualWeightAllocator().Allocate(Problem(PortfolioTestData.Ids(3), r)));
        Assert.Equal("returns[A001]", ex.Field);
        Assert.Equal("row 7", ex.Location);
    }

    [Fact]
    public void Constant_column_is_rejected()
    {
        var r = PortfolioTestData.FactorReturns(3, 20, 1);
        Array.Fill(r[2], 0.001);
        var ex = Assert.Throws<TesseraValidationException>(() => new InverseVolatilityAllocator().Allocate(Problem(PortfolioTestData.Ids(3), r)));
        Assert.Equal("returns[A002]", ex.Field);
        Assert.Contains("constant column", ex.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void Fewer_rows_than_assets_is_rejected_for_the_sample_covariance()
    {
        var r = PortfolioTestData.FactorReturns(10, 8, 1);
        var ex = Assert.Throws<TesseraValidationException>(() => new EqualWeightAllocator().Allocate(Problem(PortfolioTestData.Ids(10), r)));
        Assert.Contains("more rows than assets", ex.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void Duplicated_asset_names_are_rejected()
    {
        var r = PortfolioTestData.FactorReturns(3, 20, 1);
        var ex = Assert.Throws<TesseraValidationException>(() => new EqualWeightAllocator().Allocate(Problem(["X", "Y", "X"], r)));
        Assert.Equal("X", ex.Value);
        Assert.Contains("duplicated", ex.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void Ragged_columns_are_rejected()
    {
        var r = PortfolioTestData.FactorReturns(3, 20, 1);
        r[1] = r[1][..19];
        Assert.Throws<TesseraValidationException>(() => PortfolioInputValidation.RequireReturns(PortfolioTestData.Ids(3), r));
    }
}
