using System.Text;
using Tessera.Core.Determinism;

namespace Tessera.Trading.Configuration;

/// <summary>
/// Loads <c>config/trading.yaml</c> into a validated <see cref="TradingConfiguration"/>. The text is bounded in size
/// and nesting before it is parsed (<see cref="BoundedYamlReader"/>); every field is typed and range-checked, absent
/// fields take the seed defaults (<see cref="TradingDefaults"/>), unknown fields are errors, and every error is a
/// <see cref="TradingConfigurationException"/> naming the field path, the value, the rule and <c>source:line</c>.
/// </summary>
public static class TradingConfigurationLoader
{
    /// <summary>The conventional location, relative to the repository root.</summary>
    public const string DefaultPath = "config/trading.yaml";

    public static TradingConfiguration LoadFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        FileInfo info;
        try
        {
            info = new FileInfo(path);
            if (!info.Exists)
            {
                throw new TradingConfigurationException("<file>", path, "the trading configuration file must exist");
            }
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException or PathTooLongException or UnauthorizedAccessException)
        {
            throw new TradingConfigurationException("<file>", path, "not a readable file path: " + ex.GetType().Name);
        }

        // Refuse an oversized file before reading it into memory (UTF-8 bytes on disk = the bound the reader applies).
        if (info.Length > BoundedYamlReader.MaxBytes)
        {
            throw new TradingConfigurationException("<document>", info.Length.ToString(System.Globalization.CultureInfo.InvariantCulture) + " bytes", $"a trading configuration is at most {BoundedYamlReader.MaxBytes} bytes", path);
        }

        var text = File.ReadAllText(path, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true));
        return Load(text, path);
    }

    public static TradingConfiguration Load(string yamlText, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(yamlText);
        ArgumentNullException.ThrowIfNull(sourceName);
        var root = BoundedYamlReader.Read(yamlText, sourceName);
        var canonical = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var doc = new ConfigSection(root, string.Empty, sourceName, canonical);

        var mode = doc.Choice("mode", TradingModeNames.PaperLocal, TradingModeNames.All);
        var defaultProfile = doc.Text("default_profile", TradingDefaults.DefaultProfile, IsProfileName, ProfileNameRule);
        var profiles = ReadProfiles(doc);
        if (!profiles.ContainsKey(defaultProfile))
        {
            throw doc.Error("default_profile", null, defaultProfile, "must name one of the profiles: " + string.Join(", ", profiles.Keys.Order(StringComparer.Ordinal)));
        }

        var breaker = ReadCircuitBreaker(doc.Section("circuit_breaker"));
        var alerts = ReadAlerts(doc.Section("alerts", redact: true));
        var scan = ScanSettingsReader.Read(doc.Section("scan"));
        var sep = doc.Has("sep") ? SepSettingsReader.Read(doc.Section("sep")) : null; // absent: no SEP desk, and the pin stays as it was
        doc.Close();

        var text = new StringBuilder();
        foreach (var (path, value) in canonical)
        {
            text.Append(path).Append('=').Append(value).Append('\n');
        }

        var canonicalText = text.ToString();
        return new TradingConfiguration(mode, defaultProfile, profiles, breaker, alerts, canonicalText, Sha256Hex.Of(canonicalText), sourceName) { Scan = scan, Sep = sep };
    }

    private const string ProfileNameRule = "a profile name is 1-32 characters: a-z first, then a-z, 0-9, '_' or '-'";

    private static bool IsProfileName(string name)
    {
        if (name.Length is 0 or > 32 || !char.IsAsciiLetterLower(name[0]))
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!(char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '_' or '-'))
            {
                return false;
            }
        }

        return true;
    }

    private static Dictionary<string, TradingProfile> ReadProfiles(ConfigSection doc)
    {
        if (!doc.Has("profiles"))
        {
            throw doc.Error("profiles", null, null, "at least one trading profile is required (e.g. canary and full)");
        }

        var section = doc.Section("profiles");
        var profiles = new Dictionary<string, TradingProfile>(StringComparer.Ordinal);
        foreach (var name in section.Keys.ToArray())
        {
            if (!IsProfileName(name))
            {
                throw section.Error(name, null, name, ProfileNameRule);
            }

            profiles[name] = ReadProfile(name, section.Section(name));
        }

        if (profiles.Count == 0)
        {
            throw doc.Error("profiles", null, "<empty>", "at least one trading profile is required (e.g. canary and full)");
        }

        section.Close();
        return profiles;
    }

    private static TradingProfile ReadProfile(string name, ConfigSection p)
    {
        var d = TradingDefaults.Instance;
        var policy = ReadPolicy(p.Section("policy"));
        var sizing = ReadSizing(p.Section("sizing"));
        var session = ReadSession(p.Section("session"));
        var rebalance = ReadRebalance(p.Section("rebalance"));
        var profile = new TradingProfile
        {
            Name = name,
            Policy = policy,
            Sizing = sizing,
            FractionalShares = p.Boolean("fractional_shares", d.FractionalShares),
            MinFractionalNotionalUsd = p.Money("min_fractional_notional_usd", d.MinFractionalNotionalUsd, 1m, 1_000_000m),
            SpreadGateMax = p.Number("spread_gate_max", d.SpreadGateMax, 0, 0.1, minExclusive: true),
            QuoteMaxAgeSeconds = p.Number("quote_max_age_seconds", d.QuoteMaxAgeSeconds, 0, 3600, minExclusive: true),
            Session = session,
            MarginBudgetFraction = p.Number("margin_budget_fraction", d.MarginBudgetFraction, 0, 1, minExclusive: true),
            IocLimitBuyMultiplier = p.Number("ioc_limit_buy_multiplier", d.IocLimitBuyMultiplier, 1, 1.1),
            IocLimitSellMultiplier = p.Number("ioc_limit_sell_multiplier", d.IocLimitSellMultiplier, 0.9, 1),
            ChaseUnfilled = p.Boolean("chase_unfilled", d.ChaseUnfilled),
            Rebalance = rebalance,
        };
        p.Close();
        return profile;
    }

    private static PolicyLimits ReadPolicy(ConfigSection s)
    {
        var d = TradingDefaults.Instance.Policy;
        var perOrder = s.Money("per_order_usd", d.PerOrderUsd, 0m, 1_000_000_000m, minExclusive: true);
        var daily = s.Money("daily_usd", d.DailyUsd, 0m, 10_000_000_000m, minExclusive: true);
        if (daily < perOrder)
        {
            throw s.Error("daily_usd", null, daily.ToString(System.Globalization.CultureInfo.InvariantCulture), "must be at least per_order_usd (" + perOrder.ToString(System.Globalization.CultureInfo.InvariantCulture) + ")");
        }

        var minPrice = s.Money("min_price", d.MinPrice, 0m, 1_000_000m, minExclusive: true);
        var maxPrice = s.Money("max_price", d.MaxPrice, 0m, 1_000_000m, minExclusive: true);
        if (maxPrice < minPrice)
        {
            throw s.Error("max_price", null, maxPrice.ToString(System.Globalization.CultureInfo.InvariantCulture), "must be at least min_price (" + minPrice.ToString(System.Globalization.CultureInfo.InvariantCulture) + ")");
        }

        var shorts = s.Boolean("allow_shorts", d.AllowShorts);
        s.Close();
        return new PolicyLimits(perOrder, daily, minPrice, maxPrice, shorts);
    }

    private static SizingSettings ReadSizing(ConfigSection s)
    {
        var d = TradingDefaults.Instance.Sizing;
        var settings = new SizingSettings
        {
            Method = s.Choice("method", d.Method.ToWire(), SizingMethodNames.All),
            FixedNotionalUsd = s.Money("fixed_notional_usd", d.FixedNotionalUsd, 0m, 1_000_000_000m, minExclusive: true),
            FixedFraction = s.Number("fixed_fraction", d.FixedFraction, 0, 1, minExclusive: true),
            TargetAnnualVolatility = s.Number("target_annual_vol", d.TargetAnnualVolatility, 0, 5, minExclusive: true),
            VolatilityLookbackDays = s.Integer("vol_lookback_days", d.VolatilityLookbackDays, 2, 1000),
            MaxFraction = s.Number("max_fraction", d.MaxFraction, 0, 2, minExclusive: true),
            KellyFraction = s.Number("kelly_fraction", d.KellyFraction, 0, 1, minExclusive: true),
            KellyLookbackDays = s.Integer("kelly_lookback_days", d.KellyLookbackDays, 2, 1000),
            VixTaperLow = s.Number("vix_taper_low", d.VixTaperLow, 0, 200),
            VixTaperHigh = s.Number("vix_taper_high", d.VixTaperHigh, 0, 200),
            AtrPctTaperLow = s.Number("atr_pct_taper_low", d.AtrPctTaperLow, 0, 1),
            AtrPctTaperHigh = s.Number("atr_pct_taper_high", d.AtrPctTaperHigh, 0, 1),
            AdvCapFraction = s.Number("adv_cap_fraction", d.AdvCapFraction, 0, 1, minExclusive: true),
            VixStaleAfterDays = s.Integer("vix_stale_after_days", d.VixStaleAfterDays, 0, 365),
        };

        // A taper needs high > low: at high == low the linear ramp would divide by zero.
        if (settings.VixTaperHigh <= settings.VixTaperLow)
        {
            throw s.Error("vix_taper_high", null, settings.VixTaperHigh.ToString("R", System.Globalization.CultureInfo.InvariantCulture), "must be greater than vix_taper_low");
        }

        if (settings.AtrPctTaperHigh <= settings.AtrPctTaperLow)
        {
            throw s.Error("atr_pct_taper_high", null, settings.AtrPctTaperHigh.ToString("R", System.Globalization.CultureInfo.InvariantCulture), "must be greater than atr_pct_taper_low");
        }

        s.Close();
        return settings;
    }

    private static SessionSettings ReadSession(ConfigSection s)
    {
        var d = TradingDefaults.Instance.Session;
        var block = s.Integer("block_adds_last_minutes", d.BlockAddsLastMinutes, 0, 390);
        var exit = s.Integer("exit_before_close_minutes", d.ExitBeforeCloseMinutes, 0, 390);

        // Adds must stop no later than the flatten runs, or a position could open after the exit-before-close pass.
        if (block < exit)
        {
            throw s.Error("block_adds_last_minutes", null, block.ToString(System.Globalization.CultureInfo.InvariantCulture), "must be at least exit_before_close_minutes (" + exit.ToString(System.Globalization.CultureInfo.InvariantCulture) + ")");
        }

        s.Close();
        return new SessionSettings(block, exit);
    }

    private static RebalanceSettings ReadRebalance(ConfigSection s)
    {
        var d = TradingDefaults.Instance.Rebalance;
        var settings = new RebalanceSettings(
            s.Number("cash_buffer_fraction", d.CashBufferFraction, 0, 1),
            s.Number("max_turnover_fraction", d.MaxTurnoverFraction, 0, 2, minExclusive: true),
            s.Money("min_trade_usd", d.MinTradeUsd, 0m, 1_000_000_000m),
            s.Integer("lot_size", d.LotSize, 1, 1_000_000));
        if (settings.CashBufferFraction >= 1)
        {
            throw s.Error("cash_buffer_fraction", null, "1", "must be below 1 (a 100% cash buffer leaves nothing to invest)");
        }

        s.Close();
        return settings;
    }

    private static CircuitBreakerSettings ReadCircuitBreaker(ConfigSection s)
    {
        var d = TradingDefaults.Instance.CircuitBreaker;
        var settings = new CircuitBreakerSettings(
            s.Number("max_intraday_drawdown", d.MaxIntradayDrawdown, 0, 1, minExclusive: true),
            s.Integer("equity_poll_seconds", d.EquityPollSeconds, 1, 3600));
        s.Close();
        return settings;
    }

    private static AlertSettings ReadAlerts(ConfigSection s)
    {
        var d = TradingDefaults.Instance.Alerts;
        var settings = new AlertSettings(
            s.Integer("deferrals_per_hour_alert", d.DeferralsPerHourAlert, 1, 1_000_000),
            ReadChannel(s.Section("webhook"), d.Webhook),
            ReadChannel(s.Section("email"), d.Email),
            ReadChannel(s.Section("sms"), d.Sms),
            s.Text("file_sink_path", d.FileSinkPath, IsSafeRelativePath, "a relative path of A-Z, a-z, 0-9, '.', '_', '-', '/' (no '..' segment, no leading '/'), at most 260 characters"));
        s.Close();
        return settings;
    }

    private static AlertChannel ReadChannel(ConfigSection s, AlertChannel fallback)
    {
        var channel = new AlertChannel(
            s.Boolean("enabled", fallback.Enabled),
            s.Text("secret_name", fallback.SecretName, IsSecretName, "the NAME of the environment variable or secret holding the URL / credentials (A-Z, 0-9, '_', starting with a letter or '_', at most 128), never the secret itself"));
        s.Close();
        return channel;
    }

    private static bool IsSecretName(string name)
    {
        // A URL, an address or a token would fail this grammar, so a pasted secret is refused rather than stored.
        if (name.Length is 0 or > 128 || !(char.IsAsciiLetterUpper(name[0]) || name[0] == '_'))
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!(char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c) || c == '_'))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsSafeRelativePath(string path)
    {
        if (path.Length is 0 or > 260 || path[0] == '/' || path.EndsWith('/'))
        {
            return false;
        }

        foreach (var c in path)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' or '/'))
            {
                return false;
            }
        }

        foreach (var segment in path.Split('/'))
        {
            if (segment is "" or "." or "..")
            {
                return false;
            }
        }

        return true;
    }
}
