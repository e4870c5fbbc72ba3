using MathNet.Numerics.Distributions;
using Tessera.Core.Errors;
using Tessera.Core.Valuation;
using Xunit;

namespace Tessera.Core.Tests.Valuation;

public sealed class MonteCarloDcfTests
{
    private static readonly DcfCompany Company = new(Revenue: 1000, NetDebt: 100, Shares: 10, Price: 120);

    [Fact]
    public void The_deterministic_dcf_matches_the_hand_computation()
    {
        // FCF0 = 100; g 5 %: FCF1 = 105, FCF2 = 110.25; r 10 %; TV = 110.25 x 1.02 / 0.08; equity = EV - 100; 10 shares.
        var expected = ((105 / 1.1) + (110.25 / 1.21) + (110.25 * 1.02 / 0.08 / 1.21) - 100) / 10;
        Assert.Equal(expected, MonteCarloDcf.Deterministic(Company, 0.05, 0.10, 0.10, 0.02, 2), 9);
        Assert.Equal(124.829545454545, expected, 9);
    }

    [Fact]
    public void With_zero_variance_every_path_is_the_deterministic_value()
    {
        var a = new DcfAssumptions(new NormalInput(0.05, 0), new NormalInput(0.10, 0), new NormalInput(0.10, 0), TerminalGrowth: 0.02, HorizonYears: 2, Paths: 1000);
        var v = MonteCarloDcf.Value(Company, a);
        var deterministic = MonteCarloDcf.Deterministic(Company, 0.05, 0.10, 0.10, 0.02, 2);
        Assert.Equal(deterministic, v.MeanValuePerShare, 9);
        Assert.Equal(deterministic, v.Percentile5, 9);
        Assert.Equal(deterministic, v.Percentile95, 9);
        Assert.Equal(1.0, v.ProbabilityUndervalued); // 124.83 > 120 on every path
        Assert.True(v.PassesThreshold);
        Assert.Equal(0.0, MonteCarloDcf.Value(Company with { Price = 130 }, a).ProbabilityUndervalued);
    }

    /// <summary>
    /// Only growth uncertain: value is increasing in g, so P(undervalued) = P(g > g*) = 1 − Phi((g* − mu) / sigma) where
    /// value(g*) = price, found by bisection. The Monte Carlo estimate converges on it.
    /// </summary>
    [Fact]
    public void The_estimate_converges_on_the_closed_form_probability()
    {
        const double mu = 0.04, sigma = 0.03;
        double lo = -0.5, hi = 0.5;
        for (var i = 0; i < 200; i++)
        {
            var mid = (lo + hi) / 2;
            if (MonteCarloDcf.Deterministic(Company, mid, 0.10, 0.09, 0.02, 5) > Company.Price)
            {
                hi = mid;
            }
            else
            {
                lo = mid;
            }
        }

        var exact = 1 - Normal.CDF(mu, sigma, (lo + hi) / 2);
        DcfAssumptions With(int paths) => new(new NormalInput(mu, sigma), new NormalInput(0.10, 0), new NormalInput(0.09, 0), TerminalGrowth: 0.02, HorizonYears: 5, Paths: paths, Seed: 7);
        var small = MonteCarloDcf.Value(Company, With(1_000));
        var standard = MonteCarloDcf.Value(Company, With(10_000));
        var large = MonteCarloDcf.Value(Company, With(200_000));
        Assert.InRange(standard.ProbabilityUndervalued, exact - (4 * standard.StandardError), exact + (4 * standard.StandardError));
        Assert.InRange(large.ProbabilityUndervalued, exact - (4 * large.StandardError), exact + (4 * large.StandardError));
        Assert.True(large.StandardError < standard.StandardError && standard.StandardError < small.StandardError);
        Assert.True(Math.Abs(large.ProbabilityUndervalued - exact) < 0.005);
    }

    [Fact]
    public void The_valuation_is_reproducible_from_its_seed()
    {
        var a = new DcfAssumptions(new NormalInput(0.04, 0.03), new NormalInput(0.1, 0.02), new NormalInput(0.09, 0.01));
        Assert.Equal(MonteCarloDcf.Value(Company, a), MonteCarloDcf.Value(Company, a));
        Assert.NotEqual(MonteCarloDcf.Value(Company, a).MeanValuePerShare, MonteCarloDcf.Value(Company, a with { Seed = 43 }).MeanValuePerShare);
    }

    [Fact]
    public void Bad_inputs_are_typed_errors_naming_the_field()
    {
        var a = new DcfAssumptions(new NormalInput(0.04, 0.03), new NormalInput(0.1, 0.02), new NormalInput(0.09, 0.01));
        Assert.Equal("shares_outstanding", Assert.Throws<TesseraValidationException>(() => MonteCarloDcf.Value(Company with { Shares = 0 }, a)).Field);
        Assert.Equal("revenue", Assert.Throws<TesseraValidationException>(() => MonteCarloDcf.Value(Company with { Revenue = double.NaN }, a)).Field);
        Assert.Equal("dcf.discount_rate.mean", Assert.Throws<TesseraValidationException>(() => MonteCarloDcf.Value(Company, a with { DiscountRate = new NormalInput(0.02, 0.01) })).Field);
        Assert.Equal("dcf.fcf_margin.sd", Assert.Throws<TesseraValidationException>(() => MonteCarloDcf.Value(Company, a with { FcfMargin = new NormalInput(0.1, -1) })).Field);
        Assert.Equal("dcf.simulations", Assert.Throws<TesseraValidationException>(() => MonteCarloDcf.Value(Company, a with { Paths = 0 })).Field);
    }
}
