using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Tessera.Trading.Events;

/// <summary>
/// The structured JSON log: one JSON object per line with the seven mandatory fields (timestamp ISO-8601 UTC with
/// milliseconds, level, process, event, message, session_id, hostname) followed by the event's extended fields.
/// Thread-safe; each line is written and flushed whole.
/// </summary>
public sealed class JsonLinesEventPublisher : ITradingEventPublisher
{
    private readonly TextWriter _output;
    private readonly EventEnvironment _environment;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();

    public JsonLinesEventPublisher(TextWriter output, EventEnvironment environment, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(time);
        _output = output;
        _environment = environment;
        _time = time;
    }

    /// <summary>Writes UTF-8 (no BOM) to the stream, which stays the caller's to dispose.</summary>
    public JsonLinesEventPublisher(Stream output, EventEnvironment environment, TimeProvider time)
        : this(new StreamWriter(output, new UTF8Encoding(false), 4096, leaveOpen: true) { AutoFlush = true }, environment, time)
    {
    }

    public void Publish(TradingEvent tradingEvent)
    {
        var line = Format(tradingEvent, _environment, _time.GetUtcNow());
        lock (_gate)
        {
            _output.Write(line);
            _output.Write('\n');
            _output.Flush();
        }
    }

    /// <summary>The line for an event (without its newline): mandatory fields first, then the extended fields in their order.</summary>
    public static string Format(TradingEvent tradingEvent, EventEnvironment environment, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(tradingEvent);
        ArgumentNullException.ThrowIfNull(environment);
        EventJson.ValidateCode(tradingEvent.Code);
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString(EventFields.Timestamp, EventJson.Timestamp(at));
            writer.WriteString(EventFields.Level, EventJson.Level(tradingEvent.Level));
            writer.WriteString(EventFields.Process, environment.Process);
            writer.WriteString(EventFields.Event, tradingEvent.Code);
            writer.WriteString(EventFields.Message, tradingEvent.Message ?? string.Empty);
            writer.WriteString(EventFields.SessionId, environment.SessionId);
            writer.WriteString(EventFields.Hostname, environment.Hostname);
            if (tradingEvent.Fields is { } fields)
            {
                foreach (var (name, value) in fields)
                {
                    EventJson.ValidateFieldName(name);
                    writer.WritePropertyName(name);
                    EventJson.WriteValue(writer, value);
                }
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
