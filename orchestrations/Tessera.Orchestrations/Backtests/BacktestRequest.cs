using System.Text.Json;
using Tessera.Core.Errors;
using Tessera.Orchestrations.Application;

namespace Tessera.Orchestrations.Backtests;

/// <summary>Which job a backtest run does: the CLI's backtest, walkforward or validate.</summary>
public enum BacktestKind
{
    Backtest,
    WalkForward,
    Validate,
}

/// <summary>The data a backtest run reads: a profile's universe (synthetic, or the lakehouse pinned at start) or one pinned lakehouse version.</summary>
public sealed record BacktestUniverse(string? Profile, int? LakehouseVersion);

/// <summary>
/// Body of POST /api/backtests, e.g.
/// <c>{"kind":"backtest","strategy":"connors-rsi2","params":"MaxHoldBars=3","universe":{"profile":"compact"}}</c> or
/// <c>{"kind":"validate","strategy":"connors-rsi2","grid":"MaxHoldBars=3|5","method":"cpcv","universe":{"lakehouse_version":4}}</c>.
/// "params" (overrides k=v,...) and "preset" (a named strategy preset, e.g. "kobe81": its strategy rules and sizing,
/// docs/INDICATORS.md "Presets") are for kind backtest; "grid" (k=v1|v2;...) and "method" are for walkforward/validate.
/// The input is a universe, never a file: the API runs where the caller's files are not.
/// </summary>
public sealed record BacktestRequest(BacktestKind Kind, string Strategy, string? Params, string? Grid, string? Method, BacktestUniverse Universe, string? RunId)
{
    public const int MaxBodyBytes = 16 * 1024;

    private const string Fields = "kind, strategy, params, preset, grid, method, universe, run_id";

    /// <summary>A strategy preset for kind backtest (<see cref="Tessera.Core.Backtest.BacktestPresets"/>); null for none.</summary>
    public string? Preset { get; init; }

    /// <summary>Strict parse: malformed JSON, unknown fields, wrong types, a field the kind does not take, or anything path-like is a validation error naming the field.</summary>
    public static BacktestRequest Parse(ReadOnlySpan<byte> body)
    {
        var doc = StrictJsonBody.Parse(body, MaxBodyBytes, StartRunRequest.MaxDepth, "a JSON object with 'kind', 'strategy' and 'universe' is required");
        using (doc)
        {
            var root = doc.RootElement;
            string? kind = null, strategy = null, parameters = null, preset = null, grid = null, method = null, runId = null;
            BacktestUniverse? universe = null;
            foreach (var p in root.EnumerateObject())
            {
                switch (p.Name)
                {
                    case "kind": kind = Text(p); break;
                    case "strategy": strategy = Text(p); break;
                    case "params": parameters = Text(p); break;
                    case "preset": preset = Text(p); break;
                    case "grid": grid = Text(p); break;
                    case "method": method = Text(p); break;
                    case "run_id": runId = Text(p); break;
                    case "universe": universe = ParseUniverse(p.Value); break;
                    default: throw new TesseraValidationException(p.Name, null, "unknown field; allowed fields: " + Fields);
                }
            }

            var k = kind switch
            {
                "backtest" => BacktestKind.Backtest,
                "walkforward" => BacktestKind.WalkForward,
                "validate" => BacktestKind.Validate,
                null => throw new TesseraValidationException("kind", null, "is required: backtest, walkforward or validate"),
                _ => throw new TesseraValidationException("kind", kind, "must be backtest, walkforward or validate"),
            };
            if (string.IsNullOrWhiteSpace(strategy))
            {
                throw new TesseraValidationException("strategy", strategy, "is required (a strategy of the library, e.g. connors-rsi2)");
            }

            if (universe is null)
            {
                throw new TesseraValidationException("universe", null, "is required: {\"profile\": NAME} or {\"lakehouse_version\": N}");
            }

            if (k != BacktestKind.Backtest && parameters is not null)
            {
                throw new TesseraValidationException("params", parameters, "is for kind backtest; walkforward and validate take a 'grid'");
            }

            if (k == BacktestKind.Backtest && grid is not null)
            {
                throw new TesseraValidationException("grid", grid, "is for kinds walkforward and validate; backtest takes 'params'");
            }

            if (preset is not null)
            {
                if (k != BacktestKind.Backtest)
                {
                    throw new TesseraValidationException("preset", preset, "is for kind backtest only");
                }

                // Refuse an unknown preset, or a strategy it does not define, at the door rather than in the run.
                Tessera.Core.Backtest.BacktestPresets.Get(preset).ParametersFor(strategy, parameters);
                preset = Tessera.Core.Backtest.BacktestPresets.Get(preset).Name;
            }

            if (method is not null && k != BacktestKind.Validate)
            {
                throw new TesseraValidationException("method", method, "is for kind validate only");
            }

            return new BacktestRequest(k, strategy, parameters, grid, k == BacktestKind.Validate ? BacktestWork.Method(method ?? BacktestWork.PurgedKFold) : null, universe, runId) { Preset = preset };
        }
    }

    private static BacktestUniverse ParseUniverse(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            throw new TesseraValidationException("universe", value.GetRawText(), "must be an object: {\"profile\": NAME} or {\"lakehouse_version\": N}");
        }

        string? profile = null;
        int? version = null;
        foreach (var p in value.EnumerateObject())
        {
            switch (p.Name)
            {
                case "profile":
                    profile = Text(p, "universe.profile");
                    break;
                case "lakehouse_version":
                    version = p.Value.ValueKind == JsonValueKind.Number && p.Value.TryGetInt32(out var v) && v >= 1
                        ? v
                        : throw new TesseraValidationException("universe.lakehouse_version", p.Value.GetRawText(), "must be an integer >= 1 (a published lakehouse version)");
                    break;
                default:
                    throw new TesseraValidationException("universe." + p.Name, null, "unknown field; a universe is {\"profile\": NAME} or {\"lakehouse_version\": N}, never a file");
            }
        }

        if ((profile is null) == (version is null))
        {
            throw new TesseraValidationException("universe", value.GetRawText(), "give exactly one of 'profile' or 'lakehouse_version'");
        }

        return new BacktestUniverse(profile, version);
    }

    /// <summary>A string field (null allowed as "absent"); a path-like value is refused: the API reads universes, never files.</summary>
    private static string? Text(JsonProperty p, string? field = null)
    {
        field ??= p.Name;
        var text = p.Value.ValueKind switch
        {
            JsonValueKind.String => p.Value.GetString(),
            JsonValueKind.Null => null,
            _ => throw new TesseraValidationException(field, p.Value.GetRawText(), "must be a string"),
        };
        if (text is not null && LooksLikePath(text))
        {
            throw new TesseraValidationException(field, text, "must not be a file path: give a universe profile or a lakehouse version");
        }

        return text;
    }

    /// <summary>Separators, drive letters, a home prefix or a data-file extension: none of these occur in names, parameters or grids.</summary>
    private static bool LooksLikePath(string text) =>
        text.Contains('/', StringComparison.Ordinal) || text.Contains('\\', StringComparison.Ordinal) || text.StartsWith('~')
        || (text.Length >= 2 && text[1] == ':' && char.IsAsciiLetter(text[0]))
        || text.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) || text.EndsWith(".gz", StringComparison.OrdinalIgnoreCase)
        || text.EndsWith(".parquet", StringComparison.OrdinalIgnoreCase);
}
