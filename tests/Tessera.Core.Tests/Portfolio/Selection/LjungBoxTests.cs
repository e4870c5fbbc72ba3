using Tessera.Core.Portfolio.Selection;
using Xunit;

namespace Tessera.Core.Tests.Portfolio.Selection;

public sealed class LjungBoxTests
{
    [Fact]
    public void Statistic_matches_the_exact_rational_hand_computation()
    {
        // Computed in exact rationals from Q = n(n+2) sum rho_k^2/(n-k), k = 1..5: 9012/343.
        Assert.Equal(9012.0 / 343, LjungBox.Statistic([1, -1, 1, -1, 2, -2, 1, -1]), 12);
    }

    [Fact]
    public void Critical_value_is_the_chi_square_5_quantile()
    {
        // chi-square(5) survival at 11.0705 is 0.05 (standard table).
        Assert.Equal(11.0705, LjungBox.Critical95, 4);
    }
}
