using System.Globalization;
using System.Text.RegularExpressions;
using Tessera.Core;
using Tessera.Core.Errors;
using Tessera.Core.Meta;
using Tessera.Core.Portfolio.Allocation;
using Tessera.Orchestrations.Profiles;
using YamlDotNet.RepresentationModel;

namespace Tessera.Orchestrations.Meta;

/// <summary>
/// Loads meta profiles from config/metas (next to config/profiles) and resolves them into a <see cref="MetaPlan"/>
/// before anything runs: every rule failure is a <see cref="TesseraValidationException"/> (or <see cref="UnknownSleeveException"/>,
/// <see cref="MetaCycleException"/>, <see cref="DuplicateSleeveException"/>) naming the file, the field and the rule.
/// </summary>
public sealed partial class MetaCatalog(string directory, ProfileCatalog profiles)
{
    /// <summary>Largest meta profile file read (a profile is a few hundred bytes; this bounds a hostile one).</summary>
    public const int MaxFileBytes = 64 * 1024;

    /// <summary>Most sleeves one meta may list.</summary>
    public const int MaxSleeves = 64;

    /// <summary>Deepest nesting of metas in metas.</summary>
    public const int MaxDepth = 8;

    private static readonly string[] TopLevelKeys = ["name", "description", "optimizer", "max_sleeve_weight", "max_asset_weight", "allow_single_sleeve", "sleeves"];
    private static readonly string[] SleeveKeys = ["name", "side", "profile", "run_id", "meta", "max_weight"];

    public string Directory { get; } = directory;

    public ProfileCatalog Profiles { get; } = profiles;

    /// <summary>config/metas beside the profile catalog's directory (config/profiles).</summary>
    public static MetaCatalog Beside(ProfileCatalog profiles)
    {
        ArgumentNullException.ThrowIfNull(profiles);
        var parent = Path.GetDirectoryName(Path.GetFullPath(profiles.Directory)) ?? ".";
        return new MetaCatalog(Path.Combine(parent, "metas"), profiles);
    }

    public IReadOnlyList<string> Names()
    {
        if (!System.IO.Directory.Exists(Directory))
        {
            return [];
        }

        var names = new List<string>();
        foreach (var file in System.IO.Directory.EnumerateFiles(Directory, "*.yaml"))
        {
            names.Add(Path.GetFileNameWithoutExtension(file));
        }

        names.Sort(StringComparer.Ordinal);
        return names;
    }

    public bool Contains(string name) => Names().Contains(name, StringComparer.Ordinal);

    public MetaProfile Get(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var names = Names();
        if (!names.Contains(name, StringComparer.Ordinal))
        {
            throw new TesseraValidationException("meta", name, "unknown meta profile; available: " + (names.Count == 0 ? "(none found)" : string.Join(", ", names)));
        }

        var path = Path.Combine(Directory, name + ".yaml");
        if (new FileInfo(path).Length > MaxFileBytes)
        {
            throw new TesseraValidationException("meta", name, $"a meta profile file is at most {MaxFileBytes} bytes", path);
        }

        var meta = Parse(File.ReadAllText(path), path);
        return meta.Name == name
            ? meta
            : throw new TesseraValidationException("name", meta.Name, $"must equal the file name '{name}'", path);
    }

    /// <summary>Loads the named meta and resolves it (profiles, nested metas, caps); all before anything runs.</summary>
    public MetaPlan Resolve(string name)
    {
        var cycle = MetaGraph.FindCycle(name, ChildMetas);
        if (cycle is not null)
        {
            throw new MetaCycleException(cycle);
        }

        return Resolve(Get(name), 0);
    }

    /// <summary>Resolves an already parsed meta (its nested metas are read from the catalog).</summary>
    public MetaPlan Resolve(MetaProfile meta) => Resolve(meta, 0);

    private MetaPlan Resolve(MetaProfile meta, int depth)
    {
        ArgumentNullException.ThrowIfNull(meta);
        if (depth > MaxDepth)
        {
            throw new TesseraValidationException("sleeves.meta", meta.Name, $"metas nest at most {MaxDepth} levels deep");
        }

        var profileNames = Profiles.Names();
        var metaNames = Names();
        var planned = new List<PlannedSleeve>(meta.Sleeves.Count);
        for (var i = 0; i < meta.Sleeves.Count; i++)
        {
            var s = meta.Sleeves[i];
            var field = $"sleeves[{i}]";
            var cap = Math.Min(s.MaxWeight ?? 1.0, meta.MaxSleeveWeight);
            planned.Add(s.Source switch
            {
                SleeveSource.Profile => profileNames.Contains(s.Reference, StringComparer.Ordinal)
                    ? new PlannedSleeve(s.Name, s.Side, cap, Profile: Profiles.Get(s.Reference))
                    : throw new UnknownSleeveException(field + ".profile", s.Reference, "unknown atomic profile; available: " + string.Join(", ", profileNames), meta.Name),
                SleeveSource.Meta => s.Reference == meta.Name
                    ? throw new MetaCycleException([meta.Name, meta.Name])
                    : metaNames.Contains(s.Reference, StringComparer.Ordinal)
                        ? new PlannedSleeve(s.Name, s.Side, cap, Meta: Resolve(Get(s.Reference), depth + 1))
                        : throw new UnknownSleeveException(field + ".meta", s.Reference, "unknown meta profile; available: " + string.Join(", ", metaNames), meta.Name),
                _ => new PlannedSleeve(s.Name, s.Side, cap, PinnedRunId: s.Reference),
            });
        }

        return new MetaPlan(meta.Name, meta.Optimizer, meta.MaxAssetWeight, meta.AllowSingleSleeve, planned);
    }

    private IReadOnlyList<string> ChildMetas(string name)
    {
        if (!Contains(name))
        {
            return []; // an unknown meta is reported by Resolve as an unknown sleeve
        }

        var children = new List<string>();
        foreach (var s in Get(name).Sleeves)
        {
            if (s.Source == SleeveSource.Meta)
            {
                children.Add(s.Reference);
            }
        }

        return children;
    }

    /// <summary>Parses and validates one meta profile's YAML (the rules of docs/META.md).</summary>
    public static MetaProfile Parse(string yaml, string source)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        if (yaml.Length > MaxFileBytes)
        {
            throw new TesseraValidationException("meta", null, $"a meta profile is at most {MaxFileBytes} bytes", source);
        }

        // Size and nesting bounded by the shared iterative pre-scan before YamlStream's recursive loader runs.
        Tessera.Trading.Configuration.BoundedYamlReader.Check(yaml, source, new Tessera.Trading.Configuration.YamlLimits(
            MaxFileBytes, Tessera.Trading.Configuration.BoundedYamlReader.MaxDepth, "a meta profile", (f, v, r, l) => new TesseraValidationException(f == "<document>" ? "meta" : f, v, r, l)));
        var stream = new YamlStream();
        try
        {
            using var reader = new StringReader(yaml);
            stream.Load(reader);
        }
        catch (YamlDotNet.Core.YamlException ex)
        {
            throw new TesseraValidationException("meta", null, "meta profile must be valid YAML: " + ex.Message, source);
        }

        if (stream.Documents.Count != 1 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw new TesseraValidationException("meta", null, "meta profile must be one YAML mapping", source);
        }

        var r = new MetaYaml(root, source, "");
        r.RejectUnknown(TopLevelKeys);
        var name = r.Name("name");
        var description = r.String("description");
        var optimizer = r.Has("optimizer") ? Optimizer.Parse(r.String("optimizer"), "optimizer") : Optimizer.Erc;
        var maxSleeve = r.Has("max_sleeve_weight") ? r.Weight("max_sleeve_weight") : 1.0;
        var maxAsset = r.Has("max_asset_weight") ? r.Weight("max_asset_weight") : 1.0;
        var allowSingle = r.Has("allow_single_sleeve") && r.Bool("allow_single_sleeve");
        var items = r.Sequence("sleeves");
        if (items.Count > MaxSleeves)
        {
            throw r.Error("sleeves", items.Count.ToString(CultureInfo.InvariantCulture), $"at most {MaxSleeves} sleeves");
        }

        var sleeves = new List<MetaSleeveSpec>(items.Count);
        var names = new HashSet<string>(StringComparer.Ordinal);
        var sources = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < items.Count; i++)
        {
            var field = $"sleeves[{i}]";
            var s = items[i] is YamlMappingNode m ? new MetaYaml(m, source, field + ".") : throw r.Error(field, null, "each sleeve must be a mapping");
            s.RejectUnknown(SleeveKeys);
            var sleeveName = s.Name("name");
            var sideText = s.String("side");
            if (!SideText.TryParse(sideText, out var side) || !side.IsDirection())
            {
                throw s.Error("side", sideText, "must be LONG or SHORT");
            }

            var given = new List<(SleeveSource Source, string Key)>();
            foreach (var (src, key) in new[] { (SleeveSource.Profile, "profile"), (SleeveSource.Pinned, "run_id"), (SleeveSource.Meta, "meta") })
            {
                if (s.Has(key))
                {
                    given.Add((src, key));
                }
            }

            if (given.Count != 1)
            {
                throw s.Error("profile", null, "each sleeve names exactly one of profile (run now), run_id (a pinned completed run) or meta (another meta)");
            }

            var reference = s.String(given[0].Key);
            if (given[0].Source == SleeveSource.Pinned)
            {
                Runs.RunId.Validate(reference, field + ".run_id");
            }

            double? maxWeight = s.Has("max_weight") ? s.Weight("max_weight") : null;
            if (!names.Add(sleeveName))
            {
                throw new DuplicateSleeveException(field + ".name", sleeveName, "each sleeve name may appear once", source);
            }

            var sourceKey = given[0].Key + ":" + reference;
            if (!sources.TryAdd(sourceKey, sleeveName))
            {
                throw new DuplicateSleeveException(field + "." + given[0].Key, reference, $"sleeve '{sources[sourceKey]}' already uses this {given[0].Key}: a sleeve may be listed once", source);
            }

            sleeves.Add(new MetaSleeveSpec(sleeveName, side, given[0].Source, reference, maxWeight));
        }

        if (sleeves.Count == 1 && !allowSingle)
        {
            throw r.Error("sleeves", "1", "a meta of one sleeve needs allow_single_sleeve: true");
        }

        // The caps must leave room for a fully invested meta: sum of min(max_weight, max_sleeve_weight) >= 1.
        var capacity = 0.0;
        foreach (var s in sleeves)
        {
            capacity += Math.Min(s.MaxWeight ?? 1.0, maxSleeve);
        }

        if (capacity < 1.0 - 1e-12)
        {
            throw r.Error("max_sleeve_weight", maxSleeve.ToString("R", CultureInfo.InvariantCulture), $"the sleeves' caps sum to {capacity.ToString("0.####", CultureInfo.InvariantCulture)} < 1: the meta weights cannot be fully invested");
        }

        return new MetaProfile(name, description, sleeves, optimizer, maxSleeve, maxAsset, allowSingle);
    }

    [GeneratedRegex("^[a-z0-9_]{1,40}$", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();

    /// <summary>Typed reads of one YAML mapping, naming the dotted field in every error.</summary>
    private sealed class MetaYaml(YamlMappingNode node, string source, string prefix)
    {
        public TesseraValidationException Error(string key, string? value, string rule) => new(prefix + key, value, rule, source);

        public bool Has(string key) => node.Children.ContainsKey(new YamlScalarNode(key));

        public void RejectUnknown(string[] allowed)
        {
            foreach (var k in node.Children.Keys)
            {
                var key = k is YamlScalarNode { Value: { } v } ? v : throw Error("", null, "keys must be plain strings");
                if (Array.IndexOf(allowed, key) < 0)
                {
                    throw Error(key, null, "unknown field; allowed: " + string.Join(", ", allowed));
                }
            }
        }

        public string String(string key)
        {
            var value = node.Children.TryGetValue(new YamlScalarNode(key), out var child) ? (child as YamlScalarNode)?.Value : throw Error(key, null, "is required");
            return string.IsNullOrWhiteSpace(value) ? throw Error(key, value, "must be a non-empty string") : value;
        }

        public string Name(string key)
        {
            var value = String(key);
            return NamePattern().IsMatch(value) ? value : throw Error(key, value, "must be 1..40 characters of [a-z0-9_]");
        }

        public double Weight(string key)
        {
            var text = String(key);
            return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v) && v > 0 && v <= 1
                ? v
                : throw Error(key, text, "must be a number in (0, 1]");
        }

        public bool Bool(string key)
        {
            var text = String(key);
            return text switch
            {
                "true" => true,
                "false" => false,
                _ => throw Error(key, text, "must be true or false"),
            };
        }

        public IReadOnlyList<YamlNode> Sequence(string key)
        {
            var value = node.Children.TryGetValue(new YamlScalarNode(key), out var child) ? child : throw Error(key, null, "is required");
            return value is YamlSequenceNode { Children.Count: > 0 } seq ? [.. seq.Children] : throw Error(key, null, "must be a non-empty list");
        }
    }
}

/// <summary>A sleeve names a profile or meta that does not exist.</summary>
public sealed class UnknownSleeveException(string field, string value, string rule, string source)
    : TesseraValidationException(field, value, rule, source);

/// <summary>Two sleeves share a name or a source.</summary>
public sealed class DuplicateSleeveException(string field, string value, string rule, string source)
    : TesseraValidationException(field, value, rule, source);

/// <summary>A meta contains itself, directly or through other metas; the message shows the cycle.</summary>
public sealed class MetaCycleException(IReadOnlyList<string> cycle)
    : TesseraValidationException("sleeves.meta", cycle[0], "a meta may not contain itself: " + string.Join(" -> ", cycle))
{
    public IReadOnlyList<string> Cycle { get; } = cycle;
}
