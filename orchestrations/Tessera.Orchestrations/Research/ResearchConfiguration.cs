using System.Globalization;
using Tessera.Core.Errors;
using Tessera.Core.Regime.Hmm;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Tessera.Orchestrations.Research;

/// <summary>regime: in config/research.yaml: which lakehouse series the scheduled HMM is fitted on, how often, on how much history.</summary>
public sealed record RegimeResearchSettings(string Symbol, int RefitDays, int LookbackDays, int States, int Restarts, ulong Seed)
{
    public HmmFitOptions FitOptions => new(States, Restarts, Seed: Seed);

    public HmmRefitPolicy Policy => new(RefitDays);
}

/// <summary>fundamentals: in config/research.yaml: SOP-03's known_exclusions.</summary>
public sealed record FundamentalsResearchSettings(IReadOnlySet<string> KnownExclusions);

/// <summary>
/// config/research.yaml, parsed once into typed settings (unknown keys and out-of-range values are typed errors naming
/// the key and the file). Located like the trading configuration: TESSERA_RESEARCH_CONFIG, else config/research.yaml
/// found walking up from the working and application directories; a missing file means the defaults.
/// </summary>
public sealed record ResearchConfiguration(RegimeResearchSettings Regime, FundamentalsResearchSettings Fundamentals)
{
    public const string ConfigVariable = "TESSERA_RESEARCH_CONFIG";
    public const string DefaultPath = "config/research.yaml";
    public const int MaxBytes = 256 * 1024;

    public static ResearchConfiguration Defaults { get; } = new(
        new RegimeResearchSettings("SPY", HmmRefitPolicy.DefaultRefitDays, 2520, 3, 8, 42),
        new FundamentalsResearchSettings(new HashSet<string>(StringComparer.Ordinal)));

    /// <summary>The file named by TESSERA_RESEARCH_CONFIG (must exist), else config/research.yaml if found, else the defaults.</summary>
    public static ResearchConfiguration Load(Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (environment(ConfigVariable) is { Length: > 0 } path)
        {
            return File.Exists(path) ? LoadFile(path) : throw new TesseraValidationException(ConfigVariable, path, "the research configuration file does not exist");
        }

        return Locate() is { } found ? LoadFile(found) : Defaults;
    }

    public static ResearchConfiguration LoadFile(string path)
    {
        var info = new FileInfo(path);
        if (info.Exists && info.Length > MaxBytes)
        {
            throw new TesseraValidationException("file", path, $"a research configuration is at most {MaxBytes} bytes");
        }

        return Parse(File.ReadAllText(path), path);
    }

    public static ResearchConfiguration Parse(string yaml, string source)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        // Bounded first (size, depth, aliases, duplicate keys) on the parser's event stream: the representation model
        // below recurses per level and must never see an unbounded document.
        Tessera.Trading.Configuration.BoundedYamlReader.Check(yaml, source, new Tessera.Trading.Configuration.YamlLimits(MaxBytes, Tessera.Trading.Configuration.BoundedYamlReader.MaxDepth, "a research configuration", (f, v, r, l) => new TesseraValidationException(f == "<document>" ? "yaml" : f, v, r, l)));
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException e)
        {
            throw new TesseraValidationException("yaml", e.Start.ToString(), "not valid YAML: " + e.Message, source);
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            return Defaults;
        }

        Known(root, "", source, "regime", "fundamentals");
        var d = Defaults.Regime;
        var regime = d;
        if (Child(root, "regime") is YamlMappingNode r)
        {
            Known(r, "regime.", source, "symbol", "refit_days", "lookback_days", "states", "restarts", "seed");
            var symbol = Tessera.Core.Data.SymbolId.Parse(Scalar(r, "symbol") ?? d.Symbol, "regime.symbol").ToString();
            regime = new RegimeResearchSettings(
                symbol,
                Int(r, "regime.refit_days", "refit_days", d.RefitDays, 1, HmmRefitPolicy.MaxRefitDays, source),
                Int(r, "regime.lookback_days", "lookback_days", d.LookbackDays, 60, 100_000, source),
                Int(r, "regime.states", "states", d.States, 2, 3, source),
                Int(r, "regime.restarts", "restarts", d.Restarts, 1, 32, source),
                (ulong)Int(r, "regime.seed", "seed", (int)d.Seed, 0, int.MaxValue, source));
        }
        else if (Child(root, "regime") is { } other && other is not YamlScalarNode { Value: null or "" })
        {
            throw new TesseraValidationException("regime", null, "must be a mapping", source);
        }

        var exclusions = new HashSet<string>(StringComparer.Ordinal);
        if (Child(root, "fundamentals") is YamlMappingNode f)
        {
            Known(f, "fundamentals.", source, "known_exclusions");
            if (Child(f, "known_exclusions") is { } list)
            {
                if (list is not YamlSequenceNode seq)
                {
                    throw new TesseraValidationException("fundamentals.known_exclusions", null, "must be a list of tickers", source);
                }

                foreach (var item in seq.Children)
                {
                    if (item is not YamlScalarNode { Value: { Length: > 0 and <= 32 } ticker } || ticker.Any(char.IsWhiteSpace))
                    {
                        throw new TesseraValidationException("fundamentals.known_exclusions", item.ToString(), "items must be tickers (1-32 characters, no spaces)", source);
                    }

                    exclusions.Add(ticker.ToUpperInvariant());
                }
            }
        }

        return new ResearchConfiguration(regime, new FundamentalsResearchSettings(exclusions));
    }

    private static YamlNode? Child(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var node) ? node : null;

    private static string? Scalar(YamlMappingNode map, string key) => Child(map, key) is YamlScalarNode { Value: { Length: > 0 } v } ? v : null;

    private static int Int(YamlMappingNode map, string field, string key, int fallback, int min, int max, string source)
    {
        var text = Scalar(map, key);
        if (text is null)
        {
            return fallback;
        }

        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) && v >= min && v <= max
            ? v
            : throw new TesseraValidationException(field, text, $"must be an integer in {min}..{max}", source);
    }

    private static void Known(YamlMappingNode map, string prefix, string source, params string[] keys)
    {
        foreach (var key in map.Children.Keys)
        {
            var name = (key as YamlScalarNode)?.Value ?? key.ToString();
            if (Array.IndexOf(keys, name) < 0)
            {
                throw new TesseraValidationException(prefix + name, null, "unknown key (known: " + string.Join(", ", keys) + ")", source);
            }
        }
    }

    private static string? Locate()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "config", "research.yaml");
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }
}
