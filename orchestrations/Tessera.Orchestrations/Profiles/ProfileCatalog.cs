using System.Globalization;
using Tessera.Core;
using Tessera.Core.Errors;
using Tessera.Core.LifeCycle;
using Tessera.Core.Portfolio.Allocation;
using Tessera.Trading.Configuration;

namespace Tessera.Orchestrations.Profiles;

/// <summary>
/// Loads and validates sleeve profiles from a directory of YAML files (config/profiles) and parses every field
/// into its type once (<see cref="SleeveProfile"/>). Every rule failure is a <see cref="TesseraValidationException"/>
/// naming the file, the field and the rule. A profile is read through the one bounded YAML loader
/// (<see cref="BoundedYamlReader"/>, <see cref="Limits"/>: size and nesting refused before any tree is built, so a
/// 20,000-deep document is a typed error, not a stack overflow), and a field the profile format does not know is
/// refused naming its dotted path (<see cref="UnknownFieldRule"/>), never silently ignored.
/// </summary>
public sealed class ProfileCatalog
{
    /// <summary>The bounds of a profile file: 64 KiB, nesting 32 levels (a profile needs 4).</summary>
    public static readonly YamlLimits Limits = new(
        BoundedYamlReader.MaxBytes,
        BoundedYamlReader.MaxDepth,
        "a sleeve profile",
        (field, value, rule, location) => new TesseraValidationException(field == "<document>" ? "profile" : field, value, rule, location));

    /// <summary>The rule an unknown field breaks (followed by the fields the mapping may hold).</summary>
    public const string UnknownFieldRule = "unknown field (every profile field is validated; a typo is not ignored)";

    private readonly string _directory;

    public ProfileCatalog(string directory)
    {
        _directory = directory;
    }

    public string Directory => _directory;

    /// <summary>Finds config/profiles walking up from the working directory and the application base directory.</summary>
    public static ProfileCatalog Locate(string? explicitDirectory = null)
    {
        if (explicitDirectory is not null)
        {
            return new ProfileCatalog(explicitDirectory);
        }

        foreach (var start in new[] { System.IO.Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "config", "profiles");
                if (System.IO.Directory.Exists(candidate))
                {
                    return new ProfileCatalog(candidate);
                }
            }
        }

        return new ProfileCatalog(Path.Combine(AppContext.BaseDirectory, "config", "profiles"));
    }

    public IReadOnlyList<string> Names()
    {
        if (!System.IO.Directory.Exists(_directory))
        {
            return [];
        }

        var names = new List<string>();
        foreach (var file in System.IO.Directory.EnumerateFiles(_directory, "*.yaml"))
        {
            names.Add(Path.GetFileNameWithoutExtension(file));
        }

        names.Sort(StringComparer.Ordinal);
        return names;
    }

    public SleeveProfile Get(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var names = Names();
        if (!names.Contains(name, StringComparer.Ordinal))
        {
            throw new UnknownProfileException(name, names);
        }

        var path = Path.Combine(_directory, name + ".yaml");
        var profile = Parse(BoundedYamlReader.ReadText(path, Limits), path);
        if (profile.Name != name)
        {
            throw new TesseraValidationException("name", profile.Name, $"must equal the file name '{name}' (the name is what runs, ids and reports refer to)", path);
        }

        return profile;
    }

    public static SleeveProfile Parse(string yaml, string source)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        var root = BoundedYamlReader.Read(yaml, source, Limits);
        if (root.Entries.Count == 0)
        {
            throw new TesseraValidationException("profile", null, "profile must be one YAML mapping", source);
        }

        var r = new Reader(root, source).Known("name", "description", "universe", "recruitment", "selection", "synthesis", "regime", "optimization", "validation", "contracts");
        var universe = r.Map("universe", "source", "symbols", "days", "seed", "sectors");
        var recruitment = r.Map("recruitment", "min_history_days", "directions");
        var selection = r.Map("selection", "top_n", "momentum_lookback_days", "momentum_skip_days");
        var synthesis = r.Map("synthesis", "logics");
        var regime = r.Map("regime", "short_window_days", "long_window_days", "model", "hmm", "exposure");
        var optimization = r.Map("optimization", "optimizers", "policy", "max_weight", "estimator", "constraints");
        var validation = r.Map("validation", "train_days", "test_days", "purged_cv");

        var sourceText = universe.String("source");
        if (!UniverseSource.TryParse(sourceText, out var universeSource))
        {
            throw universe.Error("source", sourceText, "must be 'synthetic' or 'lakehouse'");
        }

        var directions = new List<Side>();
        foreach (var d in recruitment.StringList("directions"))
        {
            if (!SideText.TryParse(d, out var side) || !side.IsDirection())
            {
                throw recruitment.Error("directions", d, "each direction must be LONG or SHORT");
            }

            directions.Add(side);
        }

        var topN = selection.Int("top_n", 1, 10_000);
        if (topN < SelectionSettings.MinimumCandidates)
        {
            throw selection.Error("top_n", topN.ToString(CultureInfo.InvariantCulture), $"must be >= {SelectionSettings.MinimumCandidates} (selection floor)");
        }

        var optimizerNames = optimization.StringList("optimizers");
        if (optimizerNames.Count < 2)
        {
            throw optimization.Error("optimizers", string.Join(",", optimizerNames), "at least two optimizers are required (they run as a parallel fan-out)");
        }

        if (optimizerNames.Distinct(StringComparer.Ordinal).Count() != optimizerNames.Count)
        {
            throw optimization.Error("optimizers", string.Join(",", optimizerNames), "each optimizer may be listed once");
        }

        var optimizers = new List<Optimizer>(optimizerNames.Count);
        foreach (var o in optimizerNames)
        {
            optimizers.Add(Optimizer.TryParse(o, out var optimizer)
                ? optimizer
                : throw optimization.Error("optimizers", o, "unknown optimizer; known: " + string.Join(", ", Optimizer.Names)));
        }

        var policyText = optimization.String("policy");
        if (!ChoicePolicy.TryParse(policyText, out var policy) || (policy.Preferred is { } preferred && !optimizers.Contains(preferred)))
        {
            throw optimization.Error("policy", policyText, ChoicePolicy.Rule);
        }

        var logicNames = synthesis.StringList("logics");
        if (logicNames.Distinct(StringComparer.Ordinal).Count() != logicNames.Count)
        {
            throw synthesis.Error("logics", string.Join(",", logicNames), "each logic may be listed once");
        }

        var logics = new List<AtomLogic>(logicNames.Count);
        foreach (var name in logicNames)
        {
            logics.Add(AtomLogic.TryParse(name, out var logic)
                ? logic
                : throw synthesis.Error("logics", name, "unknown logic; known: " + string.Join(", ", AtomLogic.KnownNames)));
        }

        var lookback = selection.Int("momentum_lookback_days", 2, 5000);
        var skip = selection.Int("momentum_skip_days", 0, 5000);
        if (skip >= lookback)
        {
            throw selection.Error("momentum_skip_days", skip.ToString(CultureInfo.InvariantCulture), "must be smaller than momentum_lookback_days");
        }

        var days = universe.Int("days", 30, 20_000);
        var minHistory = recruitment.Int("min_history_days", 1, 20_000);
        if (lookback + 1 > days)
        {
            throw selection.Error("momentum_lookback_days", lookback.ToString(CultureInfo.InvariantCulture), "needs at least lookback + 1 days of history in the universe");
        }

        var shortWindow = regime.Int("short_window_days", 2, 5000);
        var longWindow = regime.Int("long_window_days", 2, 5000);
        if (shortWindow >= longWindow)
        {
            throw regime.Error("short_window_days", shortWindow.ToString(CultureInfo.InvariantCulture), "must be smaller than long_window_days");
        }

        var maxWeight = optimization.Double("max_weight", 0.0, 1.0);
        if (maxWeight * topN < 1.0)
        {
            throw optimization.Error("max_weight", maxWeight.ToString("R", CultureInfo.InvariantCulture), "max_weight x top_n must be >= 1 or the weights cannot be fully invested");
        }

        var trainDays = validation.Int("train_days", 20, 5000);
        var testDays = validation.Int("test_days", 5, 5000);
        if (trainDays + testDays > days - 1)
        {
            throw validation.Error("train_days", trainDays.ToString(CultureInfo.InvariantCulture), "train_days + test_days must fit in the universe's days - 1 returns");
        }

        return new SleeveProfile(
            r.String("name"),
            r.String("description"),
            new UniverseSettings(universeSource, universe.Int("symbols", 1, 100_000), days, (ulong)universe.Long("seed", 0, long.MaxValue), universe.Int("sectors", 1, 11)),
            new RecruitmentSettings(minHistory, directions),
            new SelectionSettings(topN, lookback, skip),
            new SynthesisSettings(logics),
            RegimeSettingsOf(regime, shortWindow, longWindow, source),
            new OptimizationSettings(optimizers, policy, maxWeight, EstimatorOf(optimization), ConstraintsOf(optimization)),
            new ValidationSettings(trainDays, testDays, PurgedCvOf(validation, days)),
            ContractsOf(r));
    }

    /// <summary>optimization.estimator: sample | lw | ewma; absent means sample (and is not written back).</summary>
    private static string? EstimatorOf(Reader optimization)
    {
        if (!optimization.Has("estimator"))
        {
            return null;
        }

        var name = optimization.String("estimator");
        return Tessera.Core.Portfolio.Estimators.CovarianceEstimators.Names.Contains(name, StringComparer.Ordinal)
            ? name
            : throw optimization.Error("estimator", name, "must be one of " + string.Join(", ", Tessera.Core.Portfolio.Estimators.CovarianceEstimators.Names));
    }

    /// <summary>optimization.constraints {beta_band (0, 1], sector_cap (0, 1], adv_fraction (0, 1] with capital > 0}; each optional.</summary>
    private static ConstraintSettings? ConstraintsOf(Reader optimization)
    {
        if (!optimization.Has("constraints"))
        {
            return null;
        }

        var c = optimization.Map("constraints", "beta_band", "sector_cap", "adv_fraction", "capital");
        double? Optional(string key, double max) => c.Has(key) ? c.Double(key, 0.0, max) : null;
        var settings = new ConstraintSettings(Optional("beta_band", 1.0), Optional("sector_cap", 1.0), Optional("adv_fraction", 1.0), Optional("capital", 1e15));
        if ((settings.AdvFraction is null) != (settings.Capital is null))
        {
            throw c.Error(settings.AdvFraction is null ? "adv_fraction" : "capital", null, "adv_fraction and capital go together (weight cap = adv_fraction x ADV$ / capital)");
        }

        return settings.BetaBand is null && settings.SectorCap is null && settings.AdvFraction is null
            ? throw optimization.Error("constraints", null, "must set at least one of beta_band, sector_cap, adv_fraction + capital")
            : settings;
    }

    /// <summary>
    /// validation.purged_cv {folds 2..50, label_horizon 0..250, gap 0..1000 (default 10), embargo [0, 0.5) (default
    /// 0.01)}: the gap and embargo defaults are the Alpha blueprint's cv_gap_size and cv_embargo_pct.
    /// </summary>
    private static PurgedCvSettings? PurgedCvOf(Reader validation, int days)
    {
        if (!validation.Has("purged_cv"))
        {
            return null;
        }

        var p = validation.Map("purged_cv", "folds", "label_horizon", "gap", "embargo");
        var folds = p.Has("folds") ? p.Int("folds", 2, 50) : Tessera.Core.Validation.PurgedCvDefaults.Folds;
        var horizon = p.Has("label_horizon") ? p.Int("label_horizon", 0, 250) : Tessera.Core.Validation.PurgedCvDefaults.LabelHorizon;
        var gap = p.Has("gap") ? p.Int("gap", 0, 1000) : Tessera.Core.Validation.PurgedCvDefaults.AlphaBlueprintGap;
        var embargo = p.Has("embargo") ? p.Fraction("embargo", 0.5) : Tessera.Core.Validation.PurgedCvDefaults.AlphaBlueprintEmbargoPct;
        if (folds * (2 * (gap + horizon) + 2) > days - 1)
        {
            throw p.Error("folds", folds.ToString(CultureInfo.InvariantCulture), "folds x (2 x (gap + label_horizon) + 2) must fit in the universe's days - 1 returns");
        }

        return new PurgedCvSettings(folds, horizon, gap, embargo);
    }

    /// <summary>contracts {mode: strict | lenient}: the L1-L3 checks and data/portfolio_candidates.json in the life cycle.</summary>
    private static ContractSettings? ContractsOf(Reader root)
    {
        if (!root.Has("contracts"))
        {
            return null;
        }

        var c = root.Map("contracts", "mode");
        var mode = c.String("mode");
        return mode switch
        {
            "strict" => new ContractSettings(Tessera.Core.Contracts.ContractMode.Strict),
            "lenient" => new ContractSettings(Tessera.Core.Contracts.ContractMode.Lenient),
            _ => throw c.Error("mode", mode, "must be 'strict' or 'lenient'"),
        };
    }

    /// <summary>
    /// regime.model: quadrant (default) | hmm with regime.hmm {states 2..3, restarts 1..32, seed}; regime.exposure:
    /// {label: gross exposure in (0, 1]} covering every label of the model.
    /// </summary>
    private static RegimeSettings RegimeSettingsOf(Reader regime, int shortWindow, int longWindow, string source)
    {
        HmmRegimeSettings? hmm = null;
        var model = regime.Has("model") ? regime.String("model") : "quadrant";
        if (model == "hmm")
        {
            var h = regime.Map("hmm", "states", "restarts", "seed");
            hmm = new HmmRegimeSettings(h.Int("states", 2, 3), h.Int("restarts", 1, 32), (ulong)h.Long("seed", 0, long.MaxValue));
        }
        else if (model != "quadrant")
        {
            throw regime.Error("model", model, "must be 'quadrant' or 'hmm'");
        }

        IReadOnlyDictionary<string, double>? exposure = null;
        if (regime.Has("exposure"))
        {
            var e = regime.Map("exposure", null);
            var map = new Dictionary<string, double>(StringComparer.Ordinal);
            foreach (var key in e.Keys())
            {
                map[key] = e.Double(key, 0.0, 1.0);
            }

            var settings = new RegimeSettings(shortWindow, longWindow, hmm);
            RegimeExposure.Validate(map, settings.Labels, "regime.exposure", source);
            exposure = map;
        }

        return new RegimeSettings(shortWindow, longWindow, hmm, exposure);
    }

    /// <summary>Reads typed fields of one YAML mapping, naming the dotted path in every error.</summary>
    private sealed class Reader(YamlMapping node, string source, string prefix = "")
    {
        public TesseraValidationException Error(string key, string? value, string rule) =>
            new(prefix + key, value, rule, source);

        /// <summary>Refuses any key outside <paramref name="known"/> (null: any key, e.g. regime labels), naming its dotted path.</summary>
        public Reader Known(params string[]? known)
        {
            if (known is null)
            {
                return this;
            }

            foreach (var entry in node.Entries)
            {
                if (Array.IndexOf(known, entry.Key) < 0)
                {
                    throw new TesseraValidationException(prefix + entry.Key, null, UnknownFieldRule + "; known here: " + string.Join(", ", known), BoundedYamlReader.Where(source, entry.Value.Line));
                }
            }

            return this;
        }

        public Reader Map(string key, params string[]? known) =>
            Node(key) is YamlMapping m ? new Reader(m, source, prefix + key + ".").Known(known) : throw Error(key, null, "must be a mapping");

        public string String(string key)
        {
            var value = Node(key) is YamlScalar s ? s.Value : null;
            return string.IsNullOrWhiteSpace(value) ? throw Error(key, value, "must be a non-empty string") : value;
        }

        public IReadOnlyList<string> StringList(string key)
        {
            if (Node(key) is not YamlSequence seq || seq.Items.Count == 0)
            {
                throw Error(key, null, "must be a non-empty list");
            }

            var list = new List<string>();
            foreach (var child in seq.Items)
            {
                list.Add(child is YamlScalar { Value: { Length: > 0 } v } ? v : throw Error(key, null, "list items must be non-empty strings"));
            }

            return list;
        }

        public int Int(string key, int min, int max) => (int)Long(key, min, max);

        public long Long(string key, long min, long max)
        {
            var text = String(key);
            if (!long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
            {
                throw Error(key, text, "must be an integer");
            }

            return value < min || value > max ? throw Error(key, text, $"must be in [{min}, {max}]") : value;
        }

        public double Double(string key, double min, double max)
        {
            var text = String(key);
            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
            {
                throw Error(key, text, "must be a finite number");
            }

            return value <= min || value > max ? throw Error(key, text, $"must be in ({min}, {max}]") : value;
        }

        /// <summary>A number in [0, max): fractions that may be zero (an embargo of 0 is allowed).</summary>
        public double Fraction(string key, double max)
        {
            var text = String(key);
            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
            {
                throw Error(key, text, "must be a finite number");
            }

            return value < 0 || value >= max ? throw Error(key, text, $"must be in [0, {max.ToString(CultureInfo.InvariantCulture)})") : value;
        }

        public bool Has(string key) => Find(key) is not null;

        public IReadOnlyList<string> Keys()
        {
            var keys = new List<string>(node.Entries.Count);
            foreach (var entry in node.Entries)
            {
                keys.Add(entry.Key);
            }

            return keys;
        }

        private YamlNode? Find(string key)
        {
            foreach (var entry in node.Entries)
            {
                if (entry.Key == key)
                {
                    return entry.Value;
                }
            }

            return null;
        }

        private YamlNode Node(string key) => Find(key) ?? throw Error(key, null, "is required");
    }
}
