using System.Globalization;
using Tessera.Core.Errors;

namespace Tessera.Orchestrations.Application.Purge;

/// <summary>
/// How old a run's history must be before it is purged: a whole number followed by d (days), h (hours) or m
/// (minutes): <c>30d</c>, <c>12h</c>, <c>90m</c>. At least one minute, at most 3650 days.
/// </summary>
public readonly record struct RetentionAge(TimeSpan Value, string Text)
{
    public static readonly TimeSpan Max = TimeSpan.FromDays(3650);

    public static RetentionAge Parse(string? text, string field = "older-than")
    {
        const string rule = "must be a whole number followed by d, h or m (e.g. 30d, 12h, 90m), from 1m to 3650d";
        if (string.IsNullOrEmpty(text) || text.Length < 2 || text.Length > 9
            || !long.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var amount))
        {
            throw new TesseraValidationException(field, text, rule);
        }

        var minutes = text[^1] switch
        {
            'd' => amount * 24 * 60,
            'h' => amount * 60,
            'm' => amount,
            _ => -1,
        };
        if (minutes < 1 || minutes > Max.TotalMinutes)
        {
            throw new TesseraValidationException(field, text, rule);
        }

        return new RetentionAge(TimeSpan.FromMinutes(minutes), text);
    }

    public override string ToString() => Text;
}
