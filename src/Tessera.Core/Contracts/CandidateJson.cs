using System.Globalization;
using System.Text;
using System.Text.Json;
using Tessera.Core.Errors;

namespace Tessera.Core.Contracts;

/// <summary>
/// The JSON form of candidate exports and of <c>portfolio_candidates.json</c> (quant-platform seed 002, 8.1-8.2).
/// Reading normalizes heterogeneous exports: a document is an array of objects or an object with a
/// <c>candidates</c> array; keys match case-insensitively with underscores ignored (legacy <c>Symbol</c> is
/// <c>symbol</c>, <c>assetType</c> is <c>asset_type</c>); unknown scalar fields are kept in the metadata so no field is
/// lost. Writing is canonical: snake_case keys in a fixed order, optional typed fields omitted when unknown,
/// metadata keys in ordinal order, one candidate per array element.
/// </summary>
public static class CandidateJson
{
    public static IReadOnlyList<RawCandidate> Read(string json, string source)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException ex)
        {
            throw new TesseraValidationException("candidates", source, "a candidate export must be valid JSON: " + ex.Message);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object && TryGet(root, "candidates", out var inner))
            {
                root = inner;
            }

            if (root.ValueKind != JsonValueKind.Array)
            {
                throw new TesseraValidationException("candidates", source, "a candidate export is an array of objects or an object with a 'candidates' array");
            }

            var list = new List<RawCandidate>(root.GetArrayLength());
            foreach (var item in root.EnumerateArray())
            {
                list.Add(item.ValueKind == JsonValueKind.Object ? ReadOne(item) : new RawCandidate(null));
            }

            return list;
        }
    }

    public static string Write(IReadOnlyList<Candidate> candidates)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartArray();
            foreach (var c in candidates)
            {
                w.WriteStartObject();
                w.WriteString("symbol", c.Symbol);
                w.WriteString("exchange", c.Exchange);
                w.WriteString("asset_type", c.AssetType);
                w.WriteString("identity", c.Identity);
                w.WriteString("direction", c.Direction.ToText());
                if (c.MarketCapRank is { } rank)
                {
                    w.WriteNumber("market_cap_rank", rank);
                }

                if (c.Volume24h is { } volume)
                {
                    w.WriteNumber("volume_24h", volume);
                }

                if (c.Sector is { } sector)
                {
                    w.WriteString("sector", sector);
                }

                if (c.Industry is { } industry)
                {
                    w.WriteString("industry", industry);
                }

                w.WriteStartObject("metadata");
                foreach (var key in c.Metadata.Keys.Order(StringComparer.Ordinal))
                {
                    w.WriteString(key, c.Metadata[key]);
                }

                w.WriteEndObject();
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    private static RawCandidate ReadOne(JsonElement item)
    {
        string? symbol = null, identity = null, exchange = null, assetType = null, direction = null, sector = null, industry = null;
        int? rank = null;
        double? volume = null;
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        var malformed = new List<string>();
        foreach (var p in item.EnumerateObject())
        {
            switch (Canonical(p.Name))
            {
                case "symbol": symbol = Text(p.Value); break;
                case "identity": identity = Text(p.Value); break;
                case "exchange": exchange = Text(p.Value); break;
                case "assettype": assetType = Text(p.Value); break;
                case "direction": direction = Text(p.Value); break;
                case "sector": sector = Text(p.Value); break;
                case "industry": industry = Text(p.Value); break;
                case "marketcaprank":
                    if (p.Value.ValueKind == JsonValueKind.Number && p.Value.TryGetInt32(out var r))
                    {
                        rank = r;
                    }
                    else if (p.Value.ValueKind != JsonValueKind.Null)
                    {
                        rank = 0; // present but not an integer: fails the >= 1 rule with a typed violation
                    }

                    break;
                case "volume24h":
                    if (p.Value.ValueKind == JsonValueKind.Number)
                    {
                        volume = p.Value.GetDouble();
                    }
                    else if (p.Value.ValueKind != JsonValueKind.Null)
                    {
                        volume = double.NaN;
                    }

                    break;
                case "metadata":
                    if (p.Value.ValueKind == JsonValueKind.Object)
                    {
                        foreach (var m in p.Value.EnumerateObject())
                        {
                            metadata[m.Name] = Text(m.Value) ?? string.Empty;
                        }
                    }
                    else if (p.Value.ValueKind != JsonValueKind.Null)
                    {
                        malformed.Add(p.Name);
                    }

                    break;
                default:
                    // Scanner-specific fields at the top level are kept (seed 8.3.3: "do not lose fields").
                    if (p.Value.ValueKind is not (JsonValueKind.Object or JsonValueKind.Array))
                    {
                        metadata.TryAdd(p.Name, Text(p.Value) ?? string.Empty);
                    }

                    break;
            }
        }

        if (malformed.Count > 0)
        {
            metadata[" "] = "metadata must be an object"; // an empty key fails the metadata rule with a typed violation
        }

        return new RawCandidate(symbol, identity, exchange, assetType, direction, metadata)
        {
            MarketCapRank = rank,
            Volume24h = volume,
            Sector = sector,
            Industry = industry,
        };
    }

    private static bool TryGet(JsonElement obj, string canonical, out JsonElement value)
    {
        foreach (var p in obj.EnumerateObject())
        {
            if (Canonical(p.Name) == canonical)
            {
                value = p.Value;
                return true;
            }
        }

        value = default;
        return false;
    }

    private static string Canonical(string key) => key.Replace("_", string.Empty, StringComparison.Ordinal).ToLowerInvariant();

    private static string? Text(JsonElement v) => v.ValueKind switch
    {
        JsonValueKind.String => v.GetString(),
        JsonValueKind.Number => v.GetDouble().ToString("R", CultureInfo.InvariantCulture),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => null,
    };
}
