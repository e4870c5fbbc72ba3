using System.Globalization;
using Tessera.Core.Errors;
using Tessera.Core.Valuation;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Tessera.Orchestrations.Research.Valuation;

/// <summary>One company of a valuation file.</summary>
public sealed record DcfCompanyInput(string Ticker, DcfCompany Company);

/// <summary>
/// The input of <c>tessera valuation dcf --config FILE</c> (example: config/valuation-example.yaml): the DCF
/// assumptions (growth, margin and discount rate as {mean, sd}; terminal growth, horizon, simulations, threshold,
/// seed) and the companies (ticker, revenue, net_debt, shares, price). Unknown keys and bad numbers are typed errors
/// naming the key; the numbers are then checked by <see cref="DcfAssumptions.Validate"/> and the valuation itself.
/// </summary>
public sealed record DcfConfiguration(DcfAssumptions Assumptions, IReadOnlyList<DcfCompanyInput> Companies)
{
    public const int MaxBytes = 1024 * 1024;
    public const int MaxCompanies = 10_000;

    public static DcfConfiguration LoadFile(string path)
    {
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            throw new TesseraValidationException("--config", path, "the valuation file does not exist");
        }

        return info.Length > MaxBytes
            ? throw new TesseraValidationException("--config", path, $"a valuation file is at most {MaxBytes} bytes")
            : Parse(File.ReadAllText(path), path);
    }

    public static DcfConfiguration Parse(string yaml, string source)
    {
        // Bounded first (size, depth, aliases, duplicate keys) on the parser's event stream: the representation model
        // below recurses per level and must never see an unbounded document.
        Tessera.Trading.Configuration.BoundedYamlReader.Check(yaml, source, new Tessera.Trading.Configuration.YamlLimits(MaxBytes, Tessera.Trading.Configuration.BoundedYamlReader.MaxDepth, "a valuation file", (f, v, r, l) => new TesseraValidationException(f == "<document>" ? "yaml" : f, v, r, l)));
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
            throw new TesseraValidationException("assumptions", null, "the file needs assumptions and companies", source);
        }

        Known(root, "", source, "assumptions", "companies");
        var a = Map(root, "assumptions", "assumptions", source);
        Known(a, "assumptions.", source, "revenue_growth", "fcf_margin", "discount_rate", "terminal_growth", "horizon_years", "simulations", "undervalue_threshold", "seed");
        var defaults = new DcfAssumptions(default, default, default);
        var assumptions = new DcfAssumptions(
            Normal(a, "revenue_growth", source),
            Normal(a, "fcf_margin", source),
            Normal(a, "discount_rate", source),
            Number(a, "assumptions.terminal_growth", "terminal_growth", source, defaults.TerminalGrowth),
            (int)Integer(a, "assumptions.horizon_years", "horizon_years", source, defaults.HorizonYears),
            (int)Integer(a, "assumptions.simulations", "simulations", source, defaults.Paths),
            Number(a, "assumptions.undervalue_threshold", "undervalue_threshold", source, defaults.UndervaluedThreshold),
            (ulong)Integer(a, "assumptions.seed", "seed", source, (long)defaults.Seed));
        assumptions.Validate();

        if (Child(root, "companies") is not YamlSequenceNode list || list.Children.Count is 0 or > MaxCompanies)
        {
            throw new TesseraValidationException("companies", null, $"must be a list of 1..{MaxCompanies} companies", source);
        }

        var companies = new List<DcfCompanyInput>(list.Children.Count);
        var tickers = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < list.Children.Count; i++)
        {
            var prefix = $"companies[{i}].";
            if (list.Children[i] is not YamlMappingNode c)
            {
                throw new TesseraValidationException($"companies[{i}]", null, "must be a mapping {ticker, revenue, net_debt, shares, price}", source);
            }

            Known(c, prefix, source, "ticker", "revenue", "net_debt", "shares", "price");
            var ticker = (Child(c, "ticker") as YamlScalarNode)?.Value;
            if (string.IsNullOrWhiteSpace(ticker) || ticker.Length > 32 || !tickers.Add(ticker.ToUpperInvariant()))
            {
                throw new TesseraValidationException(prefix + "ticker", ticker, "must be a distinct ticker of 1-32 characters", source);
            }

            companies.Add(new DcfCompanyInput(
                ticker.ToUpperInvariant(),
                new DcfCompany(
                    Number(c, prefix + "revenue", "revenue", source),
                    Number(c, prefix + "net_debt", "net_debt", source),
                    Number(c, prefix + "shares", "shares", source),
                    Number(c, prefix + "price", "price", source))));
        }

        return new DcfConfiguration(assumptions, companies);
    }

    private static NormalInput Normal(YamlMappingNode parent, string key, string source)
    {
        var m = Map(parent, key, "assumptions." + key, source);
        Known(m, $"assumptions.{key}.", source, "mean", "sd");
        var input = new NormalInput(Number(m, $"assumptions.{key}.mean", "mean", source), Number(m, $"assumptions.{key}.sd", "sd", source, 0));
        input.Validate("assumptions." + key);
        return input;
    }

    private static YamlMappingNode Map(YamlMappingNode parent, string key, string field, string source) =>
        Child(parent, key) as YamlMappingNode ?? throw new TesseraValidationException(field, null, "must be a mapping", source);

    private static YamlNode? Child(YamlMappingNode map, string key) => map.Children.TryGetValue(new YamlScalarNode(key), out var n) ? n : null;

    private static double Number(YamlMappingNode map, string field, string key, string source, double? fallback = null)
    {
        var text = (Child(map, key) as YamlScalarNode)?.Value;
        if (string.IsNullOrEmpty(text))
        {
            return fallback ?? throw new TesseraValidationException(field, null, "is required", source);
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v)
            ? v
            : throw new TesseraValidationException(field, text, "must be a finite number", source);
    }

    private static long Integer(YamlMappingNode map, string field, string key, string source, long fallback)
    {
        var text = (Child(map, key) as YamlScalarNode)?.Value;
        if (string.IsNullOrEmpty(text))
        {
            return fallback;
        }

        return long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) && v >= 0
            ? v
            : throw new TesseraValidationException(field, text, "must be a non-negative integer", source);
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
}
