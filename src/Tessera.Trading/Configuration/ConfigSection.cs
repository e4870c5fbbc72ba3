using System.Globalization;

namespace Tessera.Trading.Configuration;

/// <summary>
/// One mapping of the configuration being bound: typed reads that name the full field path in every error, seed
/// defaults for absent keys, and a record of every value read (defaults included) into the canonical form that the
/// config pin hashes, so the pin covers exactly the effective configuration. <see cref="Close"/> refuses unknown keys.
/// </summary>
internal sealed class ConfigSection
{
    private readonly YamlMapping _map;
    private readonly HashSet<string> _read = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, string> _canonical;
    private readonly string _source;

    public ConfigSection(YamlMapping map, string path, string source, SortedDictionary<string, string> canonical, bool redact = false)
    {
        _map = map;
        Path = path;
        _source = source;
        _canonical = canonical;
        Redact = redact;
    }

    /// <summary>
    /// True under sections that hold secret names (alerts): a pasted webhook URL or token must never reach an
    /// exception message, so errors there show only the value's length.
    /// </summary>
    public bool Redact { get; }

    public string Path { get; }

    public string FieldPath(string key) => Path.Length == 0 ? key : Path + "." + key;

    public IEnumerable<string> Keys
    {
        get
        {
            foreach (var entry in _map.Entries)
            {
                yield return entry.Key;
            }
        }
    }

    public bool Has(string key) => Find(key) is not null;

    /// <summary>A sub-section; an absent key gives an empty section (all defaults).</summary>
    public ConfigSection Section(string key, bool redact = false)
    {
        var node = Take(key);
        redact |= Redact;
        return node switch
        {
            null => new ConfigSection(new YamlMapping(_map.Line, []), FieldPath(key), _source, _canonical, redact),
            YamlMapping map => new ConfigSection(map, FieldPath(key), _source, _canonical, redact),
            _ => throw Error(key, node, Describe(node), "must be a mapping"),
        };
    }

    /// <summary>A finite number in [min, max] (inclusive unless <paramref name="minExclusive"/>).</summary>
    public double Number(string key, double fallback, double min, double max, bool minExclusive = false)
    {
        var value = ReadNumber(key, fallback);
        var tooLow = minExclusive ? value <= min : value < min;
        if (tooLow || value > max)
        {
            var rule = string.Create(CultureInfo.InvariantCulture, $"must be in {(minExclusive ? "(" : "[")}{min}, {max}]");
            throw Error(key, Find(key), value.ToString("R", CultureInfo.InvariantCulture), rule);
        }

        Record(key, value.ToString("R", CultureInfo.InvariantCulture));
        return value;
    }

    /// <summary>A money amount (decimal) in [min, max] (inclusive unless <paramref name="minExclusive"/>).</summary>
    public decimal Money(string key, decimal fallback, decimal min, decimal max, bool minExclusive = false)
    {
        var number = ReadNumber(key, (double)fallback);
        var rule = string.Create(CultureInfo.InvariantCulture, $"must be in {(minExclusive ? "(" : "[")}{min}, {max}]");
        var text = Find(key) is YamlScalar s ? s.Value : fallback.ToString(CultureInfo.InvariantCulture);

        // Bound on the double first: decimal cannot hold 1e300, and the parse below must not overflow.
        if (number < (double)min || number > (double)max)
        {
            throw Error(key, Find(key), text, rule);
        }

        var value = Find(key) is null ? fallback : decimal.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
        var tooLow = minExclusive ? value <= min : value < min;
        if (tooLow || value > max)
        {
            throw Error(key, Find(key), text, rule);
        }

        // 75, 75.0 and 75.00 are one value: the canonical form drops trailing zeros so the pin does not move.
        Record(key, (value / 1.000000000000000000000000000000000m).ToString(CultureInfo.InvariantCulture));
        return value;
    }

    public int Integer(string key, int fallback, int min, int max)
    {
        var node = Take(key);
        var value = fallback;
        if (node is not null)
        {
            if (node is not YamlScalar { Plain: true } s || !int.TryParse(s.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value))
            {
                throw Error(key, node, Describe(node), "must be a whole number");
            }
        }

        if (value < min || value > max)
        {
            throw Error(key, node, value.ToString(CultureInfo.InvariantCulture), string.Create(CultureInfo.InvariantCulture, $"must be in [{min}, {max}]"));
        }

        Record(key, value.ToString(CultureInfo.InvariantCulture));
        return value;
    }

    public bool Boolean(string key, bool fallback)
    {
        var node = Take(key);
        var value = fallback;
        if (node is not null)
        {
            value = node switch
            {
                YamlScalar { Plain: true, Value: "true" } => true,
                YamlScalar { Plain: true, Value: "false" } => false,
                _ => throw Error(key, node, Describe(node), "must be true or false"),
            };
        }

        Record(key, value ? "true" : "false");
        return value;
    }

    /// <summary>A string matched by <paramref name="valid"/>; <paramref name="rule"/> says what is valid.</summary>
    public string Text(string key, string fallback, Func<string, bool> valid, string rule)
    {
        var node = Take(key);
        var value = fallback;
        if (node is not null)
        {
            if (node is not YamlScalar s)
            {
                throw Error(key, node, Describe(node), rule);
            }

            value = s.Value;
        }

        if (!valid(value))
        {
            throw Error(key, node, value, rule);
        }

        Record(key, value);
        return value;
    }

    /// <summary>A non-empty list of distinct strings, each matched by <paramref name="valid"/>; recorded as one comma-joined canonical value.</summary>
    public IReadOnlyList<string> TextList(string key, IReadOnlyList<string> fallback, Func<string, bool> valid, string rule, int maxItems)
    {
        var node = Take(key);
        var values = new List<string>();
        if (node is null)
        {
            values.AddRange(fallback);
        }
        else if (node is YamlSequence seq)
        {
            foreach (var item in seq.Items)
            {
                values.Add(item is YamlScalar s ? s.Value : throw Error(key, item, Describe(item), "list items must be plain strings"));
            }
        }
        else
        {
            throw Error(key, node, Describe(node), "must be a list");
        }

        if (values.Count == 0 || values.Count > maxItems)
        {
            throw Error(key, node, values.Count.ToString(CultureInfo.InvariantCulture) + " items", $"must list 1..{maxItems} items");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < values.Count; i++)
        {
            if (!valid(values[i]))
            {
                throw Error($"{key}[{i}]", node, values[i], rule);
            }

            if (!seen.Add(values[i]))
            {
                throw Error($"{key}[{i}]", node, values[i], "listed twice");
            }
        }

        Record(key, string.Join(",", values));
        return values;
    }

    /// <summary>One of a fixed set of snake_case words, mapped to its value.</summary>
    public T Choice<T>(string key, string fallback, IReadOnlyDictionary<string, T> choices)
    {
        var rule = "must be one of: " + string.Join(" | ", choices.Keys);
        var word = Text(key, fallback, choices.ContainsKey, rule);
        return choices[word];
    }

    /// <summary>Refuses any key of this mapping that no read asked for (typos must not silently become defaults).</summary>
    public void Close()
    {
        foreach (var entry in _map.Entries)
        {
            if (!_read.Contains(entry.Key))
            {
                throw new TradingConfigurationException(FieldPath(entry.Key), Shown(Describe(entry.Value)), "unknown field (check the spelling; see docs/TRADING-CONFIG.md)", BoundedYamlReader.Where(_source, entry.Value.Line));
            }
        }
    }

    public TradingConfigurationException Error(string key, YamlNode? node, string? value, string rule) =>
        new(FieldPath(key), Shown(value), rule, BoundedYamlReader.Where(_source, node?.Line ?? _map.Line));

    private string? Shown(string? value) =>
        !Redact || value is null ? value : "<redacted, " + value.Length.ToString(CultureInfo.InvariantCulture) + " characters>";

    private double ReadNumber(string key, double fallback)
    {
        var node = Take(key);
        if (node is null)
        {
            return fallback;
        }

        if (node is not YamlScalar { Plain: true } s || !TryParseNumber(s.Value, out var value))
        {
            throw Error(key, node, Describe(node), "must be a number");
        }

        if (!double.IsFinite(value))
        {
            throw Error(key, node, s.Value, "must be a finite number (NaN and infinities are not allowed)");
        }

        return value;
    }

    private static bool TryParseNumber(string text, out double value)
    {
        // YAML 1.2 spells NaN and infinities .nan / .inf; recognise them so the error says "finite", not "number".
        switch (text)
        {
            case ".nan" or ".NaN" or ".NAN":
                value = double.NaN;
                return true;
            case ".inf" or ".Inf" or ".INF" or "+.inf" or "+.Inf" or "+.INF":
                value = double.PositiveInfinity;
                return true;
            case "-.inf" or "-.Inf" or "-.INF":
                value = double.NegativeInfinity;
                return true;
            default:
                return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
        }
    }

    private YamlNode? Find(string key)
    {
        foreach (var entry in _map.Entries)
        {
            if (string.Equals(entry.Key, key, StringComparison.Ordinal))
            {
                return entry.Value;
            }
        }

        return null;
    }

    private YamlNode? Take(string key)
    {
        _read.Add(key);
        return Find(key);
    }

    private void Record(string key, string canonicalValue) => _canonical[FieldPath(key)] = canonicalValue;

    internal static string Describe(YamlNode node) => node switch
    {
        YamlScalar s => s.Value,
        YamlMapping => "<mapping>",
        YamlSequence => "<sequence>",
        _ => "<node>",
    };
}
