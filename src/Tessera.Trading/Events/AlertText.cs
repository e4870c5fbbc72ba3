using System.Globalization;
using System.Text.Json;

namespace Tessera.Trading.Events;

/// <summary>The alert's one-line text (terminal, SMS, Slack, email subject) and its JSON members (webhook, file).</summary>
internal static class AlertText
{
    public static string Line(Alert alert)
    {
        var count = alert.CountInWindow is { } n ? string.Create(CultureInfo.InvariantCulture, $" ({n} in window)") : string.Empty;
        return $"[{alert.Severity}] {alert.Code}{count}: {Clean(alert.Message)}";
    }

    public static void WriteMembers(Utf8JsonWriter writer, Alert alert)
    {
        writer.WriteString("event", alert.Code);
        writer.WriteString("severity", alert.Severity.ToString());
        writer.WriteString("message", alert.Message);
        writer.WriteString("timestamp", EventJson.Timestamp(alert.At));
        if (alert.CountInWindow is { } count)
        {
            writer.WriteNumber("count_in_window", count);
        }

        writer.WriteStartObject("fields");
        foreach (var (name, value) in alert.Fields)
        {
            writer.WritePropertyName(name);
            EventJson.WriteValue(writer, value);
        }

        writer.WriteEndObject();
    }

    /// <summary>Control characters become spaces: a terminal line or an SMS never carries escape sequences or breaks.</summary>
    public static string Clean(string text)
    {
        var chars = text.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (char.IsControl(chars[i]))
            {
                chars[i] = ' ';
            }
        }

        return new string(chars);
    }
}
