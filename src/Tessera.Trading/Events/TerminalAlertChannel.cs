namespace Tessera.Trading.Events;

/// <summary>The other local sink: one readable line per alert on a terminal stream (standard error by default).</summary>
public sealed class TerminalAlertChannel(TextWriter output) : IAlertChannel
{
    private readonly Lock _gate = new();

    public AlertChannels Kind => AlertChannels.Terminal;

    public string Destination => "terminal";

    public Task DeliverAsync(Alert alert, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var line = EventJson.Timestamp(alert.At) + " " + AlertText.Line(alert);
        lock (_gate)
        {
            output.WriteLine(line);
            output.Flush();
        }

        return Task.CompletedTask;
    }
}
