namespace Tessera.Trading.Events;

/// <summary>
/// One way an alert reaches someone or somewhere. <see cref="DeliverAsync"/> throws <see cref="AlertDeliveryException"/>
/// on failure, with secrets already masked; the <see cref="AlertingPublisher"/> records it and goes on.
/// </summary>
public interface IAlertChannel
{
    AlertChannels Kind { get; }

    /// <summary>Where alerts go, safe to log (an email address, a masked phone number, a host without its path).</summary>
    string Destination { get; }

    Task DeliverAsync(Alert alert, CancellationToken cancellationToken);
}

/// <summary>A channel could not deliver. The message names the channel and a reason with every secret masked.</summary>
public sealed class AlertDeliveryException : Exception
{
    public AlertDeliveryException(string channel, string reason)
        : base($"{channel} alert not delivered: {reason}")
    {
        Channel = channel;
    }

    public AlertDeliveryException()
        : this("unknown", "unspecified")
    {
    }

    public AlertDeliveryException(string message)
        : this("unknown", message)
    {
    }

    public AlertDeliveryException(string message, Exception innerException)
        : base(message, innerException)
    {
        Channel = "unknown";
    }

    public string Channel { get; } = "unknown";
}
