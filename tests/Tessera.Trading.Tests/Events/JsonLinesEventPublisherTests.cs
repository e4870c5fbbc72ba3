using System.Text;
using System.Text.Json;
using Tessera.Core.Errors;
using Tessera.Trading.Events;
using Xunit;

namespace Tessera.Trading.Tests.Events;

public sealed class JsonLinesEventPublisherTests
{
    private static readonly Guid Session = Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e");
    private static readonly EventEnvironment Environment = new("execution", Session, "host-1");

    private static Dictionary<string, object?> Fields(params (string Name, object? Value)[] fields) =>
        fields.ToDictionary(f => f.Name, f => f.Value, StringComparer.Ordinal);

    [Fact]
    public void Every_line_has_the_seven_mandatory_fields_typed_as_the_seed_says_then_the_extended_fields()
    {
        var output = new StringWriter();
        var clock = new ManualTimeProvider(new DateTimeOffset(2025, 10, 14, 13, 42, 11, 304, TimeSpan.Zero));
        var publisher = new JsonLinesEventPublisher(output, Environment, clock);

        publisher.Publish(new TradingEvent(EventCodes.CircuitBreakerHalt, EventLevel.Critical, "drawdown -3.12%",
            Fields((EventFields.EquityOpening, 100_000.0), (EventFields.EquityCurrent, 96_880.5), (EventFields.DrawdownPct, 0.0312), (EventFields.OrdersCancelled, 4), ("flag", true), ("note", null))));

        var text = output.ToString();
        Assert.EndsWith("\n", text, StringComparison.Ordinal);
        Assert.Single(text.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        using var document = JsonDocument.Parse(text);
        var root = document.RootElement;
        Assert.Equal(
            ["timestamp", "level", "process", "event", "message", "session_id", "hostname", "equity_opening", "equity_current", "drawdown_pct", "orders_cancelled", "flag", "note"],
            root.EnumerateObject().Select(p => p.Name));
        Assert.Equal("2025-10-14T13:42:11.304Z", root.GetProperty("timestamp").GetString()); // the seed's example form
        Assert.Equal("CRITICAL", root.GetProperty("level").GetString());
        Assert.Equal("execution", root.GetProperty("process").GetString());
        Assert.Equal("CIRCUIT_BREAKER_HALT", root.GetProperty("event").GetString());
        Assert.Equal("drawdown -3.12%", root.GetProperty("message").GetString());
        Assert.Equal(Session, root.GetProperty("session_id").GetGuid());
        Assert.Equal("host-1", root.GetProperty("hostname").GetString());
        Assert.Equal(JsonValueKind.Number, root.GetProperty("equity_opening").ValueKind);
        Assert.Equal(96_880.5, root.GetProperty("equity_current").GetDouble());
        Assert.Equal(0.0312, root.GetProperty("drawdown_pct").GetDouble());
        Assert.Equal(4, root.GetProperty("orders_cancelled").GetInt32());
        Assert.Equal(JsonValueKind.True, root.GetProperty("flag").ValueKind);
        Assert.Equal(JsonValueKind.Null, root.GetProperty("note").ValueKind);
    }

    [Theory]
    [InlineData(EventLevel.Debug, "DEBUG")]
    [InlineData(EventLevel.Info, "INFO")]
    [InlineData(EventLevel.Warning, "WARNING")]
    [InlineData(EventLevel.Error, "ERROR")]
    [InlineData(EventLevel.Critical, "CRITICAL")]
    public void Levels_are_the_seeds_upper_case_names(EventLevel level, string expected)
    {
        var line = JsonLinesEventPublisher.Format(new TradingEvent(EventCodes.OrderFilled, level, "m", Fields()), Environment, DateTimeOffset.UnixEpoch);

        Assert.Equal(expected, JsonDocument.Parse(line).RootElement.GetProperty("level").GetString());
    }

    [Fact]
    public void The_timestamp_is_UTC_whatever_the_offset_of_the_clock()
    {
        var at = new DateTimeOffset(2026, 12, 2, 9, 30, 0, 5, TimeSpan.FromHours(-5));

        var line = JsonLinesEventPublisher.Format(new TradingEvent(EventCodes.OrderFilled, EventLevel.Info, "m", Fields()), Environment, at);

        Assert.Equal("2026-12-02T14:30:00.005Z", JsonDocument.Parse(line).RootElement.GetProperty("timestamp").GetString());
    }

    [Fact]
    public void Control_characters_quotes_and_newlines_are_escaped_never_raw_and_round_trip()
    {
        const string hostile = "line1\nline2\r\t\u0000\u001b[31m\"}{\\ \u2028 ü";
        var output = new MemoryStream();
        var publisher = new JsonLinesEventPublisher(output, Environment, TimeProvider.System);

        publisher.Publish(new TradingEvent(EventCodes.TickerRejected, EventLevel.Warning, hostile, Fields((EventFields.RejectionReason, hostile))));

        var bytes = output.ToArray();
        Assert.Equal(1, bytes.Count(b => b == (byte)'\n'));
        Assert.Equal((byte)'\n', bytes[^1]);
        Assert.DoesNotContain(bytes[..^1], b => b < 0x20 || b == 0x7f);
        Assert.NotEqual(0xEF, bytes[0]); // no BOM
        var root = JsonDocument.Parse(bytes).RootElement;
        Assert.Equal(hostile, root.GetProperty("message").GetString());
        Assert.Equal(hostile, root.GetProperty("rejection_reason").GetString());
    }

    [Fact]
    public void Non_finite_numbers_dates_enums_and_guids_keep_the_line_valid()
    {
        var line = JsonLinesEventPublisher.Format(new TradingEvent(EventCodes.OrderFilled, EventLevel.Info, "m",
            Fields(("a", double.NaN), ("b", double.PositiveInfinity), ("c", 1.5m), ("d", new DateOnly(2026, 12, 2)), ("e", EventLevel.Error), ("f", Session), ("g", 7L))),
            Environment, DateTimeOffset.UnixEpoch);

        var root = JsonDocument.Parse(line).RootElement;
        Assert.Equal("NaN", root.GetProperty("a").GetString());
        Assert.Equal("Infinity", root.GetProperty("b").GetString());
        Assert.Equal(1.5m, root.GetProperty("c").GetDecimal());
        Assert.Equal("2026-12-02", root.GetProperty("d").GetString());
        Assert.Equal("Error", root.GetProperty("e").GetString());
        Assert.Equal(Session, root.GetProperty("f").GetGuid());
        Assert.Equal(7, root.GetProperty("g").GetInt64());
    }

    [Theory]
    [InlineData("timestamp")]
    [InlineData("session_id")]
    [InlineData("Ticker")]
    [InlineData("bad field")]
    public void Extended_fields_that_reuse_a_mandatory_name_or_are_not_snake_case_are_refused(string name)
    {
        var error = Assert.Throws<TesseraValidationException>(() =>
            JsonLinesEventPublisher.Format(new TradingEvent(EventCodes.OrderFilled, EventLevel.Info, "m", Fields((name, 1))), Environment, DateTimeOffset.UnixEpoch));

        Assert.Equal("field", error.Field);
    }

    [Theory]
    [InlineData("order_filled")]
    [InlineData("")]
    [InlineData("ORDER FILLED")]
    public void Event_codes_outside_the_taxonomys_form_are_refused(string code)
    {
        var error = Assert.Throws<TesseraValidationException>(() =>
            JsonLinesEventPublisher.Format(new TradingEvent(code, EventLevel.Info, "m", Fields()), Environment, DateTimeOffset.UnixEpoch));

        Assert.Equal("event", error.Field);
    }

    [Fact]
    public void Concurrent_publishers_never_interleave_lines()
    {
        var output = new MemoryStream();
        var publisher = new JsonLinesEventPublisher(output, Environment, TimeProvider.System);

        Parallel.For(0, 8, thread =>
        {
            for (var i = 0; i < 200; i++)
            {
                publisher.Publish(new TradingEvent(EventCodes.OrderSubmitted, EventLevel.Info, new string('x', 100), Fields((EventFields.Qty, (thread * 1000) + i))));
            }
        });

        var lines = Encoding.UTF8.GetString(output.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(1600, lines.Length);
        Assert.Equal(1600, lines.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("qty").GetInt32()).Distinct().Count());
    }

    [Fact]
    public void The_environment_refuses_an_empty_session_or_names()
    {
        Assert.Equal("session_id", Assert.Throws<TesseraValidationException>(() => new EventEnvironment("execution", Guid.Empty, "h")).Field);
        Assert.Equal("process", Assert.Throws<TesseraValidationException>(() => new EventEnvironment(" ", Session, "h")).Field);
        Assert.Equal("hostname", Assert.Throws<TesseraValidationException>(() => new EventEnvironment("execution", Session, "")).Field);
        Assert.NotEqual(Guid.Empty, EventEnvironment.ForThisProcess("execution").SessionId);
    }
}
