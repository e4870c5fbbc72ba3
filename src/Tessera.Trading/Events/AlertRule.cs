namespace Tessera.Trading.Events;

/// <summary>
/// "Alert when more than <see cref="MoreThan"/> events of the code fall in a sliding <see cref="Window"/>": the window
/// is (now - Window, now], so an event exactly one window old no longer counts.
/// </summary>
public sealed record RateRule(int MoreThan, TimeSpan Window);

/// <summary>
/// A code's alerting: its severity, the channels it goes to, and optionally a rate rule (then single events are only
/// logged, and an alert goes out once when the count crosses the threshold; it re-arms when the count falls back).
/// </summary>
public sealed record AlertRule(string Code, AlertSeverity Severity, AlertChannels Channels, RateRule? Rate = null);

/// <summary>An alert on its way to the channels.</summary>
public sealed record Alert(string Code, AlertSeverity Severity, string Message, DateTimeOffset At, IReadOnlyDictionary<string, object?> Fields, int? CountInWindow = null);
