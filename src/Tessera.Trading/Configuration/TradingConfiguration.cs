namespace Tessera.Trading.Configuration;

/// <summary>
/// The validated, effective trading configuration (<c>config/trading.yaml</c> after defaults). <see cref="ConfigPin"/>
/// is the SHA-256 (lower-case hex) of <see cref="CanonicalText"/>, one <c>path=value</c> line per effective field in
/// ordinal path order: comments, layout and key order do not move it; any value does. Built only by
/// <see cref="TradingConfigurationLoader"/>.
/// </summary>
public sealed class TradingConfiguration
{
    private readonly IReadOnlyDictionary<string, TradingProfile> _profiles;

    internal TradingConfiguration(
        TradingMode mode,
        string defaultProfile,
        IReadOnlyDictionary<string, TradingProfile> profiles,
        CircuitBreakerSettings circuitBreaker,
        AlertSettings alerts,
        string canonicalText,
        string configPin,
        string sourceName)
    {
        Mode = mode;
        DefaultProfileName = defaultProfile;
        _profiles = profiles;
        CircuitBreaker = circuitBreaker;
        Alerts = alerts;
        CanonicalText = canonicalText;
        ConfigPin = configPin;
        SourceName = sourceName;
    }

    public TradingMode Mode { get; }

    public string DefaultProfileName { get; }

    /// <summary>The profile names, in ordinal order.</summary>
    public IReadOnlyList<string> ProfileNames => [.. _profiles.Keys.Order(StringComparer.Ordinal)];

    public CircuitBreakerSettings CircuitBreaker { get; }

    public AlertSettings Alerts { get; }

    /// <summary>What the market scan scans: New York scan times, universe, strategies, history (the <c>scan:</c> section).</summary>
    public ScanSettings Scan { get; init; } = ScanSettings.Default;

    /// <summary>The live SEP desk (the <c>sep:</c> section); null when the configuration has none.</summary>
    public Sep.SepDeskSettings? Sep { get; init; }

    public string CanonicalText { get; }

    public string ConfigPin { get; }

    public string SourceName { get; }

    public TradingProfile DefaultProfile => _profiles[DefaultProfileName];

    /// <summary>The named profile, or a typed error (field <c>profile</c>) listing the known profiles.</summary>
    public TradingProfile Profile(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return _profiles.TryGetValue(name, out var profile)
            ? profile
            : throw new TradingConfigurationException("profile", name, "unknown trading profile; known profiles: " + string.Join(", ", ProfileNames));
    }
}
