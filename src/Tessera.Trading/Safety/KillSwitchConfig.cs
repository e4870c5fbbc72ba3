using System.Security.Cryptography;
using System.Text;
using Tessera.Core.Governance;
using Tessera.Trading.Configuration;

namespace Tessera.Trading.Safety;

/// <summary>
/// config/kill_switch.yaml, validated: the VaR window, the ETF list the restrict action narrows to, and one row per
/// condition (var_breach, drawdown, data_outage, slippage_over_budget) with its threshold and actions (halt_adds,
/// de_risk with its fraction 0.25–0.50, switch_to_base_profile, restrict_to_etfs, notify_and_record). Unknown fields
/// are refused by name; the Core <see cref="KillSwitchMatrix"/> checks the thresholds. <see cref="Pin"/> is the file's
/// SHA-256: the config pin of every kill-switch block in the governance chain. <see cref="BaseProfile"/> is the trading
/// profile switch_to_base_profile sizes with (field <c>base_profile</c>, required when a row uses that action; the host
/// checks at start that the trading configuration has it).
/// </summary>
public sealed record KillSwitchConfig(KillSwitchMatrix Matrix, IReadOnlyList<string> Etfs, string Pin)
{
    /// <summary>The profile the desk sizes with while switch_to_base_profile is active; null when no row uses that action.</summary>
    public string? BaseProfile { get; init; }

    public const string FileName = "kill_switch.yaml";

    private static readonly Dictionary<string, KillSwitchCondition> Conditions = new(StringComparer.Ordinal)
    {
        ["var_breach"] = KillSwitchCondition.VarBreach,
        ["drawdown"] = KillSwitchCondition.Drawdown,
        ["data_outage"] = KillSwitchCondition.DataOutage,
        ["slippage_over_budget"] = KillSwitchCondition.SlippageOverBudget,
    };

    private static readonly Dictionary<string, KillSwitchActionKind> Actions = new(StringComparer.Ordinal)
    {
        ["halt_adds"] = KillSwitchActionKind.HaltAdds,
        ["de_risk"] = KillSwitchActionKind.DeRisk,
        ["switch_to_base_profile"] = KillSwitchActionKind.SwitchToBaseProfile,
        ["restrict_to_etfs"] = KillSwitchActionKind.RestrictToList,
        ["notify_and_record"] = KillSwitchActionKind.NotifyAndRecord,
    };

    public static KillSwitchConfig LoadFile(string path)
    {
        if (!File.Exists(path))
        {
            throw new TradingConfigurationException("<file>", path, "the kill-switch matrix file must exist");
        }

        return Load(File.ReadAllText(path, new UTF8Encoding(false, true)), path);
    }

    public static KillSwitchConfig Load(string yamlText, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(yamlText);
        var root = BoundedYamlReader.Read(yamlText, sourceName);
        var doc = new ConfigSection(root, string.Empty, sourceName, new SortedDictionary<string, string>(StringComparer.Ordinal));
        var window = doc.Integer("var_window_days", 250, 20, 5000);
        var etfs = doc.TextList("etfs", ["SPY"], s => s.Length is > 0 and <= 12 && s.All(c => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c) || c == '.'), "an upper-case ticker (A-Z, 0-9, '.')", 100);
        var baseProfile = doc.Has("base_profile")
            ? doc.Text("base_profile", string.Empty, s => s.Length is > 0 and <= 64 && s.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-'), "a trading profile name (1-64 of A-Z, a-z, 0-9, '_', '-')")
            : null;
        var rulesSection = doc.Section("rules");
        var rules = new List<KillSwitchRule>();
        foreach (var name in rulesSection.Keys.ToList())
        {
            if (!Conditions.TryGetValue(name, out var condition))
            {
                throw rulesSection.Error(name, null, name, "unknown condition: one of " + string.Join(", ", Conditions.Keys));
            }

            var row = rulesSection.Section(name);
            var threshold = condition switch
            {
                KillSwitchCondition.VarBreach => row.Number("confidence", 0.95, 0.5, 1, minExclusive: true),
                KillSwitchCondition.Drawdown => row.Number("max_drawdown", 0.08, 0, 1, minExclusive: true),
                KillSwitchCondition.DataOutage => row.Number("max_data_age_minutes", 15, 0, 1440, minExclusive: true),
                _ => row.Number("budget_bps", 25, 0, 10_000, minExclusive: true),
            };
            var words = row.TextList("actions", [], Actions.ContainsKey, "one of " + string.Join(", ", Actions.Keys), Actions.Count);
            var deRisk = words.Contains("de_risk") ? row.Number("de_risk_fraction", 0.25, 0.25, 0.50) : (double?)null;
            var actions = new List<KillSwitchAction>(words.Count);
            foreach (var w in words)
            {
                var kind = Actions[w];
                actions.Add(kind switch
                {
                    KillSwitchActionKind.DeRisk => new KillSwitchAction(kind, deRisk),
                    KillSwitchActionKind.RestrictToList => new KillSwitchAction(kind, Symbols: etfs),
                    _ => new KillSwitchAction(kind),
                });
            }

            row.Close();
            rules.Add(new KillSwitchRule(condition, threshold, actions));
        }

        rulesSection.Close();
        doc.Close();
        if (rules.Count == 0)
        {
            throw doc.Error("rules", null, null, "at least one condition row");
        }

        if (baseProfile is null && rules.Any(r => r.Actions.Any(a => a.Kind == KillSwitchActionKind.SwitchToBaseProfile)))
        {
            throw doc.Error("base_profile", null, null, "required when a row uses switch_to_base_profile: the trading profile to size with while it is active");
        }

        var pin = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(yamlText)));
        return new KillSwitchConfig(new KillSwitchMatrix(rules, window), etfs, pin) { BaseProfile = baseProfile };
    }
}

/// <summary>The written names of conditions and actions (the YAML's words), for reasons and ledger payloads.</summary>
public static class KillSwitchFormat
{
    public static string Condition(KillSwitchCondition c) => c switch
    {
        KillSwitchCondition.VarBreach => "var_breach",
        KillSwitchCondition.Drawdown => "drawdown",
        KillSwitchCondition.DataOutage => "data_outage",
        _ => "slippage_over_budget",
    };

    public static string Action(KillSwitchAction a) => a.Kind switch
    {
        KillSwitchActionKind.HaltAdds => "halt_adds",
        KillSwitchActionKind.DeRisk => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"de_risk {a.Fraction * 100:0.#}%"),
        KillSwitchActionKind.SwitchToBaseProfile => "switch_to_base_profile",
        KillSwitchActionKind.RestrictToList => "restrict_to_etfs " + string.Join(",", a.Symbols ?? []),
        _ => "notify_and_record",
    };

    public static string Actions(IReadOnlyList<KillSwitchAction> actions) => string.Join(", ", actions.Select(Action));

    public static System.Text.Json.Nodes.JsonArray ActionsJson(IReadOnlyList<KillSwitchAction> actions)
    {
        var array = new System.Text.Json.Nodes.JsonArray();
        foreach (var a in actions)
        {
            var o = new System.Text.Json.Nodes.JsonObject
            {
                ["action"] = a.Kind switch
                {
                    KillSwitchActionKind.HaltAdds => "halt_adds",
                    KillSwitchActionKind.DeRisk => "de_risk",
                    KillSwitchActionKind.SwitchToBaseProfile => "switch_to_base_profile",
                    KillSwitchActionKind.RestrictToList => "restrict_to_etfs",
                    _ => "notify_and_record",
                }
            };
            if (a.Fraction is { } f)
            {
                o["fraction"] = f;
            }

            if (a.Symbols is { } symbols)
            {
                o["symbols"] = new System.Text.Json.Nodes.JsonArray([.. symbols.Select(s => (System.Text.Json.Nodes.JsonNode)System.Text.Json.Nodes.JsonValue.Create(s))]);
            }

            array.Add(o);
        }

        return array;
    }
}
