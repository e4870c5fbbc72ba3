using Tessera.Core;
using Tessera.Core.Contracts;
using Tessera.Core.Errors;
using Xunit;

namespace Tessera.Core.Tests.Contracts;

/// <summary>Quant-platform seed (002, 8.1-8.3): canonical schema with typed optional fields, stable ordering, de-duplication by canonical symbol, no field lost.</summary>
public sealed class CandidateConsolidationTests
{
    private const string ScannerA = """
        [
          {"Symbol": "nasdaq:aapl", "direction": "long", "market_cap_rank": 1, "sector": "Technology", "RSI": 61.5, "source": "scanA"},
          {"symbol": "NYSE:XOM", "direction": "SHORT", "volume_24h": 1250000.5, "metadata": {"Recommend.All": "-0.4"}}
        ]
        """;

    private const string ScannerB = """
        {"candidates": [
          {"symbol": "NASDAQ:AAPL", "identity": "NASDAQ:AAPL", "direction": "LONG", "industry": "Hardware", "volume_24h": 9e6, "metadata": {"source": "scanB", "adx": "22"}},
          {"symbol": "NYSE:XOM", "direction": "LONG"}
        ]}
        """;

    [Fact]
    public void Seed002_8_3_duplicates_merge_by_canonical_symbol_without_losing_fields_and_typed_fields_survive()
    {
        var result = CandidateConsolidation.Consolidate([new CandidateExport("b.json", ScannerB), new CandidateExport("a.json", ScannerA)], ContractMode.Lenient);
        Assert.Equal(["a.json", "b.json"], result.Sources); // stable ordering whatever the order given
        Assert.Equal(4, result.RecordsIn);
        Assert.Equal(["NASDAQ:AAPL", "NYSE:XOM"], result.Candidates.Select(c => c.Identity));

        var aapl = result.Candidates[0];
        Assert.Equal(Side.Long, aapl.Direction);
        Assert.Equal(1, aapl.MarketCapRank);          // from a.json
        Assert.Equal("Technology", aapl.Sector);      // from a.json
        Assert.Equal("Hardware", aapl.Industry);      // from b.json
        Assert.Equal(9e6, aapl.Volume24h);            // only b.json knows it
        Assert.Equal(["RSI", "adx", "source"], aapl.Metadata.Keys);
        Assert.Equal("scanB", aapl.Metadata["source"]); // last (b.json) wins, the overwrite is recorded
        Assert.Contains(result.Violations, v => v.Rule == ContractRules.MetadataOverwritten && v.Field == "metadata.source" && v.Value == "scanA" && v.Severity == ViolationSeverity.Warning);

        // XOM: SHORT in a.json, LONG in b.json; by canonical symbol they are one record, so the later direction is a violation.
        var xom = result.Candidates[1];
        Assert.Equal(Side.Short, xom.Direction);
        Assert.Equal(1250000.5, xom.Volume24h);
        Assert.Contains(result.Violations, v => v.Rule == ContractRules.ConflictingDirection && v.Subject == "NYSE:XOM" && v.Severity == ViolationSeverity.Dropped);
    }

    [Fact]
    public void Identity_and_direction_key_is_the_documented_option_keeping_long_and_short_apart()
    {
        var result = CandidateConsolidation.Consolidate([new CandidateExport("a.json", ScannerA), new CandidateExport("b.json", ScannerB)], ContractMode.Strict, CandidateMergeKey.IdentityAndDirection);
        Assert.Equal(["NASDAQ:AAPL/LONG", "NYSE:XOM/LONG", "NYSE:XOM/SHORT"], result.Candidates.Select(c => c.Identity + "/" + c.Direction.ToText()));
    }

    [Fact]
    public void Seed002_L1_features_in_candidate_metadata_are_checked_and_failing_candidates_dropped()
    {
        const string bad = """[{"symbol": "NYSE:IBM", "direction": "LONG", "rsi": 100.5}, {"symbol": "NYSE:GE", "direction": "LONG", "Recommend.All": "1.2"}, {"symbol": "NYSE:F", "direction": "LONG", "adx": "n/a"}, {"symbol": "NYSE:T", "direction": "LONG", "rsi": 100}]""";
        var result = CandidateConsolidation.Consolidate([new CandidateExport("x.json", bad)], ContractMode.Lenient);
        Assert.Equal(["NYSE:T"], result.Candidates.Select(c => c.Identity));
        Assert.Equal(
            [("NYSE:F", "metadata.adx", ContractRules.FeatureRange), ("NYSE:GE", "metadata.Recommend.All", ContractRules.ScoreRange), ("NYSE:IBM", "metadata.rsi", ContractRules.FeatureRange)],
            result.Violations.Select(v => (v.Subject, v.Field, v.Rule)));
        var ex = Assert.Throws<ContractViolationException>(() => CandidateConsolidation.Consolidate([new CandidateExport("x.json", bad)], ContractMode.Strict));
        Assert.Equal("metadata.adx", ex.Field);
    }

    [Theory]
    [InlineData("""[{"symbol": "NYSE:IBM", "direction": "LONG", "market_cap_rank": 0}]""", "market_cap_rank", ContractRules.InvalidMarketCapRank)]
    [InlineData("""[{"symbol": "NYSE:IBM", "direction": "LONG", "market_cap_rank": "first"}]""", "market_cap_rank", ContractRules.InvalidMarketCapRank)]
    [InlineData("""[{"symbol": "NYSE:IBM", "direction": "LONG", "volume_24h": -1}]""", "volume_24h", ContractRules.InvalidVolume)]
    [InlineData("""[{"symbol": "NYSE:IBM", "direction": "LONG", "sector": "  "}]""", "sector", ContractRules.EmptyText)]
    public void Typed_optional_fields_are_validated_with_field_and_rule(string json, string field, string rule)
    {
        var ex = Assert.Throws<ContractViolationException>(() => CandidateConsolidation.Consolidate([new CandidateExport("x.json", json)], ContractMode.Strict));
        Assert.Equal(field, ex.Field);
        Assert.Equal(rule, ex.Rule);
    }

    [Fact]
    public void No_valid_candidate_is_an_error_and_bad_json_names_the_source()
    {
        var empty = Assert.Throws<TesseraValidationException>(() => CandidateConsolidation.Consolidate([new CandidateExport("x.json", """[{"symbol": "IBM", "direction": "LONG"}]""")], ContractMode.Lenient));
        Assert.Equal("candidates", empty.Field);
        var bad = Assert.Throws<TesseraValidationException>(() => CandidateConsolidation.Consolidate([new CandidateExport("broken.json", "{")], ContractMode.Lenient));
        Assert.Equal("broken.json", bad.Value);
    }

    [Fact]
    public void Written_file_is_canonical_and_reads_back_to_the_same_candidates()
    {
        var first = CandidateConsolidation.Consolidate([new CandidateExport("a.json", ScannerA), new CandidateExport("b.json", ScannerB)], ContractMode.Lenient);
        var text = CandidateJson.Write(first.Candidates);
        Assert.Contains("\"identity\": \"NASDAQ:AAPL\"", text, StringComparison.Ordinal);
        Assert.Contains("\"market_cap_rank\": 1", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\"industry\": null", text, StringComparison.Ordinal);
        var again = CandidateConsolidation.Consolidate([new CandidateExport("portfolio_candidates.json", text)], ContractMode.Strict);
        Assert.Equal(text, CandidateJson.Write(again.Candidates));
    }
}
