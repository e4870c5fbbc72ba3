using System.Globalization;
using System.Text.Json;

namespace Tessera.Core.Fundamentals;

/// <summary>
/// Reads SEC EDGAR's XBRL "companyfacts" JSON (data.sec.gov/api/xbrl/companyfacts/CIK##########.json:
/// {cik, entityName, facts: {taxonomy: {concept: {units: {unit: [{start?, end, val, fy, fp, form, filed}]}}}}}) into a
/// <see cref="FundamentalSnapshot"/> of the latest fiscal year reported on a 10-K. For each field the concepts are tried
/// in order (filers use different tags for revenue); a concept present only in another unit is a wrong-unit
/// rejection, none present a missing-fact one; the same period reported twice with different values (and not
/// superseded by a later filing of the same form) is a duplicate-period rejection. Rejections are
/// <see cref="FundamentalRejectedException"/>s naming the concept.
/// </summary>
public static class CompanyFactsReader
{
    /// <summary>Large filers' files reach ~20 MB; anything beyond this is not a companyfacts file.</summary>
    public const int MaxBytes = 64 * 1024 * 1024;

    private static readonly string[] RevenueConcepts = ["Revenues", "RevenueFromContractWithCustomerExcludingAssessedTax", "SalesRevenueNet"];
    private static readonly string[] OperatingIncomeConcepts = ["OperatingIncomeLoss"];
    private static readonly string[] NetIncomeConcepts = ["NetIncomeLoss"];
    private static readonly string[] OperatingCashFlowConcepts = ["NetCashProvidedByUsedInOperatingActivities"];
    private static readonly string[] CapexConcepts = ["PaymentsToAcquirePropertyPlantAndEquipment"];
    private static readonly string[] DebtConcepts = ["LongTermDebt", "LongTermDebtNoncurrent"];
    private static readonly string[] CashConcepts = ["CashAndCashEquivalentsAtCarryingValue"];
    private static readonly string[] SharesConcepts = ["EntityCommonStockSharesOutstanding"];

    public static FundamentalSnapshot Read(string ticker, ReadOnlySpan<byte> json)
    {
        if (json.Length > MaxBytes)
        {
            throw Reject(ticker, RejectionCategory.Malformed, "companyfacts", $"file of {json.Length} bytes exceeds {MaxBytes}");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json.ToArray(), new JsonDocumentOptions { MaxDepth = 16 });
        }
        catch (JsonException e)
        {
            throw Reject(ticker, RejectionCategory.Malformed, "companyfacts", "not valid JSON: " + e.Message);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("facts", out var facts) || facts.ValueKind != JsonValueKind.Object)
            {
                throw Reject(ticker, RejectionCategory.Malformed, "facts", "the companyfacts object has no facts");
            }

            var cik = root.TryGetProperty("cik", out var c) && c.ValueKind == JsonValueKind.Number && c.TryGetInt64(out var cikValue) ? cikValue : 0;
            var gaap = facts.TryGetProperty("us-gaap", out var g) ? g : default;
            var dei = facts.TryGetProperty("dei", out var d) ? d : default;

            var revenue = LatestAnnual(ticker, gaap, RevenueConcepts, "USD");
            var period = (revenue.Start!.Value, revenue.End);
            return new FundamentalSnapshot(
                ticker,
                cik,
                revenue.Start.Value,
                revenue.End,
                revenue.FiscalYear,
                revenue.Filed,
                revenue.Value,
                Duration(ticker, gaap, OperatingIncomeConcepts, period),
                Duration(ticker, gaap, NetIncomeConcepts, period),
                Duration(ticker, gaap, OperatingCashFlowConcepts, period),
                Duration(ticker, gaap, CapexConcepts, period),
                Instant(ticker, gaap, DebtConcepts, "USD", revenue.End),
                Instant(ticker, gaap, CashConcepts, "USD", revenue.End),
                Latest(ticker, dei, SharesConcepts, "shares").Value);
        }
    }

    private sealed record Fact(DateOnly? Start, DateOnly End, double Value, int FiscalYear, string FiscalPeriod, string Form, DateOnly Filed);

    /// <summary>The annual (FY, 10-K, ~1 year) fact with the latest end date.</summary>
    private static Fact LatestAnnual(string ticker, JsonElement taxonomy, string[] concepts, string unit)
    {
        var (concept, facts) = Facts(ticker, taxonomy, concepts, unit);
        Fact? best = null;
        foreach (var f in facts)
        {
            if (f.Start is { } s && f.FiscalPeriod == "FY" && f.Form.StartsWith("10-K", StringComparison.Ordinal) && f.End.DayNumber - s.DayNumber is >= 350 and <= 380
                && (best is null || f.End > best.End))
            {
                best = f;
            }
        }

        return best is null
            ? throw Reject(ticker, RejectionCategory.MissingFact, concept, "no annual (FY, 10-K) value")
            : Unique(ticker, concept, facts, best.Start, best.End);
    }

    private static double Duration(string ticker, JsonElement taxonomy, string[] concepts, (DateOnly Start, DateOnly End) period)
    {
        var (concept, facts) = Facts(ticker, taxonomy, concepts, "USD");
        foreach (var f in facts)
        {
            if (f.Start == period.Start && f.End == period.End)
            {
                return Unique(ticker, concept, facts, period.Start, period.End).Value;
            }
        }

        throw Reject(ticker, RejectionCategory.MissingFact, concept, $"no value for {period.Start:yyyy-MM-dd}..{period.End:yyyy-MM-dd}");
    }

    private static double Instant(string ticker, JsonElement taxonomy, string[] concepts, string unit, DateOnly at)
    {
        var (concept, facts) = Facts(ticker, taxonomy, concepts, unit);
        foreach (var f in facts)
        {
            if (f.Start is null && f.End == at)
            {
                return Unique(ticker, concept, facts, null, at).Value;
            }
        }

        throw Reject(ticker, RejectionCategory.MissingFact, concept, $"no value at {at:yyyy-MM-dd}");
    }

    private static Fact Latest(string ticker, JsonElement taxonomy, string[] concepts, string unit)
    {
        var (concept, facts) = Facts(ticker, taxonomy, concepts, unit);
        Fact? best = null;
        foreach (var f in facts)
        {
            if (best is null || f.End > best.End)
            {
                best = f;
            }
        }

        return best is null ? throw Reject(ticker, RejectionCategory.MissingFact, concept, "no value") : Unique(ticker, concept, facts, best.Start, best.End);
    }

    /// <summary>
    /// The value of one period. Filings repeat earlier periods as comparatives (same value: fine); an amendment
    /// (a later filing) supersedes; two values for one period filed the same day are a duplicate-period rejection.
    /// </summary>
    private static Fact Unique(string ticker, string concept, List<Fact> facts, DateOnly? start, DateOnly end)
    {
        Fact? chosen = null;
        foreach (var f in facts)
        {
            if (f.Start != start || f.End != end)
            {
                continue;
            }

            if (chosen is null || f.Filed > chosen.Filed)
            {
                chosen = f;
            }
            else if (f.Filed == chosen.Filed && f.Value != chosen.Value)
            {
                throw Reject(ticker, RejectionCategory.DuplicatePeriod, concept, $"{start:yyyy-MM-dd}..{end:yyyy-MM-dd} reported as {chosen.Value.ToString("R", CultureInfo.InvariantCulture)} and {f.Value.ToString("R", CultureInfo.InvariantCulture)} in filings of {f.Filed:yyyy-MM-dd}");
            }
        }

        return chosen!;
    }

    private static (string Concept, List<Fact> Facts) Facts(string ticker, JsonElement taxonomy, string[] concepts, string unit)
    {
        string? otherUnit = null;
        if (taxonomy.ValueKind == JsonValueKind.Object)
        {
            foreach (var concept in concepts)
            {
                if (!taxonomy.TryGetProperty(concept, out var node) || !node.TryGetProperty("units", out var units) || units.ValueKind != JsonValueKind.Object)
                {
                    continue;
                }

                if (!units.TryGetProperty(unit, out var list) || list.ValueKind != JsonValueKind.Array)
                {
                    foreach (var u in units.EnumerateObject())
                    {
                        otherUnit ??= concept + " in " + u.Name;
                    }

                    continue;
                }

                var facts = new List<Fact>();
                foreach (var item in list.EnumerateArray())
                {
                    facts.Add(Parse(ticker, concept, item));
                }

                if (facts.Count > 0)
                {
                    return (concept, facts);
                }
            }
        }

        throw otherUnit is not null
            ? Reject(ticker, RejectionCategory.WrongUnit, concepts[0], $"reported only as {otherUnit}, expected {unit}")
            : Reject(ticker, RejectionCategory.MissingFact, concepts[0], "not reported (tried " + string.Join(", ", concepts) + ")");
    }

    private static Fact Parse(string ticker, string concept, JsonElement item)
    {
        if (item.ValueKind != JsonValueKind.Object)
        {
            throw Reject(ticker, RejectionCategory.Malformed, concept, "a fact must be an object");
        }

        var end = Date(ticker, concept, item, "end") ?? throw Reject(ticker, RejectionCategory.Malformed, concept, "a fact needs an end date");
        var start = Date(ticker, concept, item, "start");
        if (!item.TryGetProperty("val", out var val))
        {
            throw Reject(ticker, RejectionCategory.MissingFact, concept, $"the fact ending {end:yyyy-MM-dd} has no val");
        }

        // Numbers only: "NaN" or "Infinity" strings, nulls and booleans are non-finite values, not zeros.
        if (val.ValueKind != JsonValueKind.Number || !val.TryGetDouble(out var value) || !double.IsFinite(value))
        {
            throw Reject(ticker, RejectionCategory.NonFinite, concept, $"the fact ending {end:yyyy-MM-dd} has val {val.GetRawText()}, not a finite number");
        }

        var fy = item.TryGetProperty("fy", out var fyNode) && fyNode.ValueKind == JsonValueKind.Number && fyNode.TryGetInt32(out var y) ? y : 0;
        var fp = item.TryGetProperty("fp", out var fpNode) && fpNode.ValueKind == JsonValueKind.String ? fpNode.GetString()! : string.Empty;
        var form = item.TryGetProperty("form", out var formNode) && formNode.ValueKind == JsonValueKind.String ? formNode.GetString()! : string.Empty;
        var filed = Date(ticker, concept, item, "filed") ?? end;
        return new Fact(start, end, value, fy, fp, form, filed);
    }

    private static DateOnly? Date(string ticker, string concept, JsonElement item, string name)
    {
        if (!item.TryGetProperty(name, out var node) || node.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return node.ValueKind == JsonValueKind.String && DateOnly.TryParseExact(node.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? d
            : throw Reject(ticker, RejectionCategory.Malformed, concept, $"{name} must be a yyyy-MM-dd date, got {node.GetRawText()}");
    }

    private static FundamentalRejectedException Reject(string ticker, RejectionCategory c, string field, string reason) => new(new TickerRejection(ticker, c, field, reason));
}
