using Tessera.Core.Contracts;
using Xunit;

namespace Tessera.Core.Tests.Contracts;

public sealed class CandidateContractTests
{
    [Fact]
    public void Normalizes_symbol_identity_exchange_asset_type_and_direction()
    {
        var result = CandidateContract.Apply([new RawCandidate("nyse:ibm", Direction: "long")], ContractMode.Strict);
        var c = Assert.Single(result.Candidates);
        Assert.Equal("NYSE:IBM", c.Symbol);
        Assert.Equal("NYSE:IBM", c.Identity);
        Assert.Equal("NYSE", c.Exchange);
        Assert.Equal("spot", c.AssetType);
        Assert.Equal(Side.Long, c.Direction);
        Assert.Equal("LONG", c.Direction.ToText());
        Assert.Empty(c.Metadata);
    }

    [Theory]
    [InlineData("Short", Side.Short)]
    [InlineData("SHORT", Side.Short)]
    [InlineData(" lOnG ", Side.Long)]
    public void Direction_is_normalized_from_any_case(string text, Side expected) =>
        Assert.Equal(expected, CandidateContract.Apply([new RawCandidate("NASDAQ:AAPL", Direction: text)], ContractMode.Strict).Candidates[0].Direction);

    [Fact]
    public void A_bare_ticker_is_qualified_by_the_exchange_field_and_asset_type_is_lower_cased()
    {
        var c = CandidateContract.Apply([new RawCandidate("aapl", Exchange: "nasdaq", AssetType: "ETF", Direction: "LONG")], ContractMode.Strict).Candidates[0];
        Assert.Equal("NASDAQ:AAPL", c.Symbol);
        Assert.Equal("etf", c.AssetType);
    }

    public static TheoryData<RawCandidate, string, string> Violations() => new()
    {
        { new RawCandidate("AAPL", Direction: "LONG"), ContractRules.SymbolNotQualified, "symbol" },
        { new RawCandidate("", Direction: "LONG"), ContractRules.InvalidSymbol, "symbol" },
        { new RawCandidate("NASDAQ:AAPL", Identity: "NYSE:AAPL", Direction: "LONG"), ContractRules.IdentityMismatch, "identity" },
        { new RawCandidate("NASDAQ:AAPL", Exchange: "NYSE", Direction: "LONG"), ContractRules.ExchangeMismatch, "exchange" },
        { new RawCandidate("NASDAQ:AAPL", Direction: "BUY"), ContractRules.InvalidDirection, "direction" },
        { new RawCandidate("NASDAQ:AAPL", Direction: "flat"), ContractRules.InvalidDirection, "direction" }, // a side, not a direction
        { new RawCandidate("NASDAQ:AAPL"), ContractRules.InvalidDirection, "direction" },
        { new RawCandidate("NASDAQ:AAPL", Direction: "LONG", Metadata: new Dictionary<string, string> { [" "] = "x" }), ContractRules.InvalidMetadata, "metadata" },
    };

    [Theory]
    [MemberData(nameof(Violations))]
    public void Each_rule_throws_in_strict_mode_and_drops_in_lenient_mode(RawCandidate bad, string rule, string field)
    {
        var ok = new RawCandidate("NYSE:IBM", Direction: "LONG");
        var ex = Assert.Throws<ContractViolationException>(() => CandidateContract.Apply([ok, bad], ContractMode.Strict));
        Assert.StartsWith(rule, ex.Rule, StringComparison.Ordinal);
        Assert.Equal(field, ex.Field);

        var lenient = CandidateContract.Apply([ok, bad], ContractMode.Lenient);
        Assert.Equal(["NYSE:IBM"], lenient.Candidates.Select(c => c.Symbol));
        var v = Assert.Single(lenient.Violations);
        Assert.Equal("#1", v.Subject);
        Assert.StartsWith(rule, v.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void Duplicates_merge_metadata_without_losing_fields_last_value_wins_and_is_recorded()
    {
        var first = new RawCandidate("NYSE:IBM", Direction: "LONG", Metadata: new Dictionary<string, string> { ["source"] = "screener", ["score"] = "0.4" });
        var second = new RawCandidate("nyse:IBM", Identity: "NYSE:IBM", Direction: "long", Metadata: new Dictionary<string, string> { ["score"] = "0.7", ["sector"] = "Tech" });
        var result = CandidateContract.Apply([first, second]);
        var c = Assert.Single(result.Candidates);
        Assert.Equal(["score", "sector", "source"], c.Metadata.Keys);
        Assert.Equal("0.7", c.Metadata["score"]);
        Assert.Equal("screener", c.Metadata["source"]);
        var w = Assert.Single(result.Violations);
        Assert.Equal(ContractRules.MetadataOverwritten, w.Rule);
        Assert.Equal("metadata.score", w.Field);
        Assert.Equal("0.4", w.Value);
        Assert.Equal(ViolationSeverity.Warning, w.Severity);
    }

    [Fact]
    public void Long_and_short_of_the_same_identity_are_distinct_and_order_is_independent_of_input_order()
    {
        RawCandidate[] input =
        [
            new("NYSE:XOM", Direction: "short"),
            new("NASDAQ:AAPL", Direction: "LONG"),
            new("NYSE:XOM", Direction: "LONG"),
            new("NASDAQ:MSFT", Direction: "Long"),
        ];
        var forward = CandidateContract.Apply(input).Candidates.Select(c => c.Symbol + "/" + c.Direction.ToText()).ToArray();
        var backward = CandidateContract.Apply(input.Reverse()).Candidates.Select(c => c.Symbol + "/" + c.Direction.ToText()).ToArray();
        Assert.Equal(["NASDAQ:AAPL/LONG", "NASDAQ:MSFT/LONG", "NYSE:XOM/LONG", "NYSE:XOM/SHORT"], forward);
        Assert.Equal(forward, backward);
    }

    [Fact]
    public void Duplicates_with_different_asset_types_are_a_violation()
    {
        var result = CandidateContract.Apply([new RawCandidate("NYSE:SPY", AssetType: "etf", Direction: "LONG"), new RawCandidate("NYSE:SPY", Direction: "LONG")]);
        Assert.Equal("etf", Assert.Single(result.Candidates).AssetType);
        Assert.Equal(ContractRules.ConflictingAssetType, Assert.Single(result.Violations).Rule);
    }
}
