using Tessera.Core.Errors;
using Tessera.Core.Valuation;
using Tessera.Orchestrations.Research.Valuation;
using Tessera.Testing;
using Xunit;

namespace Tessera.Orchestrations.Tests.Research;

public sealed class DcfConfigurationTests
{
    private const string Valid = """
        assumptions:
          revenue_growth: {mean: 0.05, sd: 0}
          fcf_margin: {mean: 0.10}
          discount_rate: {mean: 0.10, sd: 0.0}
          terminal_growth: 0.02
          horizon_years: 2
          simulations: 1000
        companies:
          - {ticker: hand, revenue: 1000, net_debt: 100, shares: 10, price: 120}
        """;

    [Fact]
    public void The_example_file_parses_with_the_seed_defaults()
    {
        var config = DcfConfiguration.LoadFile(Path.Combine(RepositoryPaths.Root(), "config", "valuation-example.yaml"));
        Assert.Equal(10_000, config.Assumptions.Paths);
        Assert.Equal(0.65, config.Assumptions.UndervaluedThreshold);
        Assert.Equal(["EXMPL", "OTHER"], config.Companies.Select(c => c.Ticker));
    }

    /// <summary>Zero spread: the valuation is the hand-computed deterministic DCF of MonteCarloDcfTests, 124.829545... per share.</summary>
    [Fact]
    public void A_zero_variance_file_values_every_path_at_the_hand_computed_dcf()
    {
        var config = DcfConfiguration.Parse(Valid, "t.yaml");
        Assert.Equal(new NormalInput(0.10, 0), config.Assumptions.FcfMargin);
        Assert.Equal(42UL, config.Assumptions.Seed);
        var value = MonteCarloDcf.Value(config.Companies[0].Company, config.Assumptions);
        Assert.Equal(124.829545454545, value.MeanValuePerShare, 9);
        Assert.Equal(1.0, value.ProbabilityUndervalued);
    }

    [Theory]
    [InlineData("assumptions:\n  revenue_growth: {mean: 0.05, sd: -1}\n  fcf_margin: {mean: 0.1}\n  discount_rate: {mean: 0.1}\ncompanies: [{ticker: A, revenue: 1, net_debt: 0, shares: 1, price: 1}]\n", "assumptions.revenue_growth.sd")]
    [InlineData("assumptions:\n  revenue_growth: {mean: x}\n  fcf_margin: {mean: 0.1}\n  discount_rate: {mean: 0.1}\ncompanies: [{ticker: A, revenue: 1, net_debt: 0, shares: 1, price: 1}]\n", "assumptions.revenue_growth.mean")]
    [InlineData("assumptions:\n  revenue_growth: {mean: 0.05}\n  fcf_margin: {mean: 0.1}\n  discount_rate: {mean: 0.02}\ncompanies: [{ticker: A, revenue: 1, net_debt: 0, shares: 1, price: 1}]\n", "dcf.discount_rate.mean")]
    [InlineData("assumptions:\n  revenue_growth: {mean: 0.05}\n  fcf_margin: {mean: 0.1}\n  discount_rate: {mean: 0.1}\n  paths: 5\ncompanies: [{ticker: A, revenue: 1, net_debt: 0, shares: 1, price: 1}]\n", "assumptions.paths")]
    [InlineData("assumptions:\n  revenue_growth: {mean: 0.05}\n  fcf_margin: {mean: 0.1}\n  discount_rate: {mean: 0.1}\ncompanies: [{ticker: A, revenue: 1, net_debt: 0, shares: 1}]\n", "companies[0].price")]
    [InlineData("assumptions:\n  revenue_growth: {mean: 0.05}\n  fcf_margin: {mean: 0.1}\n  discount_rate: {mean: 0.1}\ncompanies: [{ticker: A, revenue: 1, net_debt: 0, shares: 1, price: 1}, {ticker: a, revenue: 1, net_debt: 0, shares: 1, price: 1}]\n", "companies[1].ticker")]
    [InlineData("assumptions:\n  revenue_growth: {mean: 0.05}\n  fcf_margin: {mean: 0.1}\n  discount_rate: {mean: 0.1}\ncompanies: []\n", "companies")]
    public void Bad_files_are_typed_errors_naming_the_key(string yaml, string field)
    {
        Assert.Equal(field, Assert.Throws<TesseraValidationException>(() => DcfConfiguration.Parse(yaml, "t.yaml")).Field);
    }
}
