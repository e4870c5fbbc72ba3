using System.Globalization;
using Tessera.Core.Errors;

namespace Tessera.Alpaca.Model;

public enum BarTimeFrameUnit
{
    Unknown = 0,
    Minute,
    Hour,
    Day,
    Week,
    Month,
}

/// <summary>Alpaca's timeframe spelling: [1-59]Min / T, [1-23]Hour / H, 1Day / D, 1Week / W, [1,2,3,4,6,12]Month / M.</summary>
public readonly record struct BarTimeFrame(int Amount, BarTimeFrameUnit Unit)
{
    public static BarTimeFrame OneMinute => new(1, BarTimeFrameUnit.Minute);

    public static BarTimeFrame OneDay => new(1, BarTimeFrameUnit.Day);

    public TimeSpan? Duration => Unit switch
    {
        BarTimeFrameUnit.Minute => TimeSpan.FromMinutes(Amount),
        BarTimeFrameUnit.Hour => TimeSpan.FromHours(Amount),
        BarTimeFrameUnit.Day => TimeSpan.FromDays(Amount),
        BarTimeFrameUnit.Week => TimeSpan.FromDays(7 * Amount),
        _ => null,
    };

    public override string ToString() => Amount.ToString(CultureInfo.InvariantCulture) + Unit switch
    {
        BarTimeFrameUnit.Minute => "Min",
        BarTimeFrameUnit.Hour => "Hour",
        BarTimeFrameUnit.Day => "Day",
        BarTimeFrameUnit.Week => "Week",
        BarTimeFrameUnit.Month => "Month",
        _ => "?",
    };

    public static bool TryParse(string? text, out BarTimeFrame value)
    {
        value = default;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        var i = 0;
        while (i < text.Length && char.IsAsciiDigit(text[i]))
        {
            i++;
        }

        if (i == 0 || i > 3 || !int.TryParse(text.AsSpan(0, i), NumberStyles.None, CultureInfo.InvariantCulture, out var amount))
        {
            return false;
        }

        var unit = text[i..] switch
        {
            "Min" or "T" => BarTimeFrameUnit.Minute,
            "Hour" or "H" => BarTimeFrameUnit.Hour,
            "Day" or "D" => BarTimeFrameUnit.Day,
            "Week" or "W" => BarTimeFrameUnit.Week,
            "Month" or "M" => BarTimeFrameUnit.Month,
            _ => BarTimeFrameUnit.Unknown,
        };
        var valid = unit switch
        {
            BarTimeFrameUnit.Minute => amount is >= 1 and <= 59,
            BarTimeFrameUnit.Hour => amount is >= 1 and <= 23,
            BarTimeFrameUnit.Day or BarTimeFrameUnit.Week => amount == 1,
            BarTimeFrameUnit.Month => amount is 1 or 2 or 3 or 4 or 6 or 12,
            _ => false,
        };
        if (!valid)
        {
            return false;
        }

        value = new BarTimeFrame(amount, unit);
        return true;
    }

    public static BarTimeFrame Parse(string text, string field = "timeframe") =>
        TryParse(text, out var v) ? v : throw new TesseraValidationException(field, text, "must be like 1Min, 15Min, 1Hour, 1Day, 1Week or 1Month");
}
