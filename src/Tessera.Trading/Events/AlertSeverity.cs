namespace Tessera.Trading.Events;

/// <summary>The seed's alert severities (section 5.6): P0 critical … P3 low.</summary>
public enum AlertSeverity
{
    P0,
    P1,
    P2,
    P3,
}

/// <summary>Where an alert may go. File and terminal are the local sinks; the others reach people.</summary>
[Flags]
public enum AlertChannels
{
    None = 0,
    Webhook = 1,
    Email = 2,
    Sms = 4,
    File = 8,
    Terminal = 16,
}
