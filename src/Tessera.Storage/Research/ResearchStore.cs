using System.Text.Json;
using System.Text.Json.Serialization;

namespace Tessera.Storage.Research;

/// <summary>
/// Where the research jobs keep their data: Blob container <c>research</c> with the seed's folders (seed 000 data/:
/// hmm_models/, rejected_tickers/) plus gatekeeper_runs/ and audits/. One JSON format: snake_case, enums as
/// snake_case strings, and no NaN/Infinity literals (a non-finite number is refused, never written).
/// </summary>
public static class ResearchStore
{
    public const string Container = "research";

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false) },
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };
}
