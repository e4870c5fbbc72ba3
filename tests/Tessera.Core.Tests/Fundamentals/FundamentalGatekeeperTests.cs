using Tessera.Core.Fundamentals;
using Xunit;

namespace Tessera.Core.Tests.Fundamentals;

public sealed class FundamentalGatekeeperTests
{
    private static readonly DateOnly AsOf = new(2024, 1, 15);

    private static TickerRejection Rejected(CompanyFacts facts, double? price = null, double? ev = null)
    {
        var result = FundamentalGatekeeper.Run([new GatekeeperInput("TEST", facts.Bytes(), price, ev)], AsOf);
        Assert.Empty(result.Accepted);
        return Assert.Single(result.Rejected);
    }

    [Fact]
    public void A_valid_file_gives_the_latest_fiscal_year()
    {
        var result = FundamentalGatekeeper.Run([new GatekeeperInput("TEST", CompanyFacts.Valid().Bytes(), 40, (40 * 50e6) + 300e6 - 100e6)], AsOf);
        var s = Assert.Single(result.Accepted);
        Assert.Empty(result.Rejected);
        Assert.Equal(1234567, s.Cik);
        Assert.Equal(new DateOnly(2023, 9, 30), s.PeriodEnd);
        Assert.Equal(1e9, s.Revenue);
        Assert.Equal(200e6, s.FreeCashFlow);
        Assert.Equal(200e6, s.NetDebt);
        Assert.Equal(50e6, s.SharesOutstanding);
    }

    [Fact]
    public void Missing_facts_wrong_units_and_non_numbers_are_rejected_by_category()
    {
        var missing = Rejected(CompanyFacts.Valid().Without("CashAndCashEquivalentsAtCarryingValue"));
        Assert.Equal((RejectionCategory.MissingFact, "CashAndCashEquivalentsAtCarryingValue"), (missing.Category, missing.Field));

        var unit = Rejected(CompanyFacts.Valid().Without("Revenues").Duration("Revenues", "EUR", "2022-10-01", "2023-09-30", 1e9));
        Assert.Equal(RejectionCategory.WrongUnit, unit.Category);
        Assert.Contains("EUR", unit.Reason, StringComparison.Ordinal);

        var nan = Rejected(CompanyFacts.Valid().Without("NetIncomeLoss").Duration("NetIncomeLoss", "USD", "2022-10-01", "2023-09-30", "NaN"));
        Assert.Equal((RejectionCategory.NonFinite, "NetIncomeLoss"), (nan.Category, nan.Field));
    }

    [Fact]
    public void Two_values_for_one_period_in_one_filing_are_a_duplicate_but_an_amendment_supersedes()
    {
        var duplicate = Rejected(CompanyFacts.Valid().Duration("Revenues", "USD", "2022-10-01", "2023-09-30", 1_100_000_000));
        Assert.Equal((RejectionCategory.DuplicatePeriod, "Revenues"), (duplicate.Category, duplicate.Field));

        var amended = FundamentalGatekeeper.Run([new GatekeeperInput("TEST", CompanyFacts.Valid().Duration("Revenues", "USD", "2022-10-01", "2023-09-30", 1_050_000_000, filed: "2023-12-20", form: "10-K/A").Bytes())], AsOf);
        Assert.Equal(1.05e9, Assert.Single(amended.Accepted).Revenue);
    }

    [Fact]
    public void Field_and_cross_field_rules_name_what_broke()
    {
        Assert.Equal("shares_outstanding", Rejected(CompanyFacts.Valid().Without("EntityCommonStockSharesOutstanding").Instant("dei", "EntityCommonStockSharesOutstanding", "shares", "2023-10-20", 0)).Field);
        Assert.Equal("operating_income", Rejected(CompanyFacts.Valid().Without("OperatingIncomeLoss").Duration("OperatingIncomeLoss", "USD", "2022-10-01", "2023-09-30", 2e9)).Field);
        var ev = Rejected(CompanyFacts.Valid(), price: 40, ev: 3e9);
        Assert.Equal((RejectionCategory.CrossField, "enterprise_value"), (ev.Category, ev.Field));
    }

    [Fact]
    public void A_stale_or_future_period_is_a_period_rejection()
    {
        var stale = FundamentalGatekeeper.Run([new GatekeeperInput("TEST", CompanyFacts.Valid().Bytes())], new DateOnly(2025, 6, 1));
        Assert.Equal((RejectionCategory.Period, "period_end"), (stale.Rejected[0].Category, stale.Rejected[0].Field));
        var future = FundamentalGatekeeper.Run([new GatekeeperInput("TEST", CompanyFacts.Valid().Bytes())], new DateOnly(2023, 9, 1));
        Assert.Equal(RejectionCategory.Period, future.Rejected[0].Category);
    }

    [Fact]
    public void Malformed_json_is_rejected_and_the_batch_goes_on()
    {
        var result = FundamentalGatekeeper.Run(
            [new GatekeeperInput("BAD", "{\"facts\": [1,"u8.ToArray()), new GatekeeperInput("GOOD", CompanyFacts.Valid().Bytes())],
            AsOf);
        Assert.Equal("GOOD", Assert.Single(result.Accepted).Ticker);
        Assert.Equal((RejectionCategory.Malformed, "BAD"), (result.Rejected[0].Category, result.Rejected[0].Ticker));
    }
}
