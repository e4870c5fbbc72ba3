namespace Tessera.Trading.Configuration;

/// <summary>
/// One alert channel: enabled or not, and the NAME of the environment variable / secret that holds its URL or
/// credentials. The secret itself never appears in the configuration (the loader refuses values that look like one).
/// </summary>
public sealed record AlertChannel(bool Enabled, string SecretName);

/// <summary>
/// Section <c>alerts</c>: the deferral rate that raises an alert (seed 000: more than 20 ORDER_DEFERRED in an hour),
/// the webhook / email / SMS channels and the local file sink.
/// </summary>
public sealed record AlertSettings(int DeferralsPerHourAlert, AlertChannel Webhook, AlertChannel Email, AlertChannel Sms, string FileSinkPath);
