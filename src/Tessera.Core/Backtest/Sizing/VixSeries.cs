using System.Globalization;
using Tessera.Core.Errors;

namespace Tessera.Core.Backtest.Sizing;

/// <summary>
/// A daily VIX close series (dates strictly increasing, closes finite and &gt; 0) for the fractional Kelly sizer's VIX
/// taper. Read from CBOE's daily CSV (header <c>DATE,OPEN,HIGH,LOW,CLOSE</c>, dates <c>yyyy-MM-dd</c>; the format of
/// ../shared/data/vix-daily-1990-2026.csv) with <see cref="Parse"/>, or supplied with <see cref="Of"/>. No I/O: the
/// caller reads the file.
/// </summary>
public sealed class VixSeries
{
    private const long MsPerDay = 86_400_000;

    private readonly int[] _days;
    private readonly double[] _closes;

    private VixSeries(int[] dayNumbers, double[] closes)
    {
        _days = dayNumbers;
        _closes = closes;
    }

    /// <summary>Days since 1970-01-01 (UTC) of each close.</summary>
    public IReadOnlyList<int> DayNumbers => _days;

    public IReadOnlyList<double> Closes => _closes;

    public int Count => _closes.Length;

    /// <summary>A supplied series; the same rules as a file.</summary>
    public static VixSeries Of(IReadOnlyList<DateOnly> dates, IReadOnlyList<double> closes)
    {
        ArgumentNullException.ThrowIfNull(dates);
        ArgumentNullException.ThrowIfNull(closes);
        if (dates.Count != closes.Count)
        {
            throw new TesseraValidationException("vix", closes.Count.ToString(CultureInfo.InvariantCulture), $"one close per date is required ({dates.Count} dates)");
        }

        var days = new int[dates.Count];
        var values = new double[closes.Count];
        for (var i = 0; i < days.Length; i++)
        {
            days[i] = Day(dates[i]);
            values[i] = closes[i];
            Check(days, values, i, "vix[" + i.ToString(CultureInfo.InvariantCulture) + "]");
        }

        return NonEmpty(days, values);
    }

    /// <summary>Parses CSV text with a header naming DATE and CLOSE columns (case-insensitive; other columns ignored).</summary>
    public static VixSeries Parse(string csv)
    {
        ArgumentNullException.ThrowIfNull(csv);
        var lines = csv.Split('\n');
        var header = lines[0].TrimEnd('\r').Split(',');
        var dateColumn = Array.FindIndex(header, h => string.Equals(h.Trim(), "DATE", StringComparison.OrdinalIgnoreCase));
        var closeColumn = Array.FindIndex(header, h => string.Equals(h.Trim(), "CLOSE", StringComparison.OrdinalIgnoreCase));
        if (dateColumn < 0 || closeColumn < 0)
        {
            throw new TesseraValidationException("vix.header", lines[0].TrimEnd('\r'), "must name a DATE and a CLOSE column");
        }

        var days = new List<int>(lines.Length);
        var values = new List<double>(lines.Length);
        var dayArray = new int[2];
        var valueArray = new double[2];
        for (var i = 1; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            if (line.Length == 0)
            {
                continue;
            }

            var field = "vix.line " + (i + 1).ToString(CultureInfo.InvariantCulture);
            var cells = line.Split(',');
            if (cells.Length <= Math.Max(dateColumn, closeColumn))
            {
                throw new TesseraValidationException(field, line, "has fewer columns than the header");
            }

            if (!DateOnly.TryParseExact(cells[dateColumn].Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                throw new TesseraValidationException(field, cells[dateColumn], "DATE must be yyyy-MM-dd");
            }

            if (!double.TryParse(cells[closeColumn].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var close))
            {
                throw new TesseraValidationException(field, cells[closeColumn], "CLOSE must be a number");
            }

            // Check against the previous row only: the rules are local (order, finiteness, sign).
            dayArray[0] = days.Count == 0 ? int.MinValue : days[^1];
            dayArray[1] = Day(date);
            valueArray[0] = 1;
            valueArray[1] = close;
            Check(dayArray, valueArray, 1, field);
            days.Add(dayArray[1]);
            values.Add(close);
        }

        return NonEmpty([.. days], [.. values]);
    }

    /// <summary>
    /// The VIX close in force at each calendar bar (<see cref="MarketData.Calendar"/>, UTC ms): the close of the latest
    /// VIX date on or before the bar's UTC date (a holiday of one market carries the last close forward; nothing from
    /// a later date is ever used), NaN before the first VIX date (the Kelly sizer then applies no VIX taper).
    /// </summary>
    public double[] AlignTo(long[] calendarUtcMs)
    {
        ArgumentNullException.ThrowIfNull(calendarUtcMs);
        var days = _days;
        var closes = _closes;
        var result = new double[calendarUtcMs.Length];
        var k = -1;
        for (var t = 0; t < calendarUtcMs.Length; t++)
        {
            var day = (int)Math.Floor(calendarUtcMs[t] / (double)MsPerDay);
            while (k + 1 < days.Length && days[k + 1] <= day)
            {
                k++;
            }

            result[t] = k < 0 ? double.NaN : closes[k];
        }

        return result;
    }

    private static int Day(DateOnly date) => date.DayNumber - DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber;

    private static void Check(int[] days, double[] values, int i, string field)
    {
        if (!(double.IsFinite(values[i]) && values[i] > 0))
        {
            throw new TesseraValidationException(field, values[i].ToString("R", CultureInfo.InvariantCulture), "VIX close must be finite and > 0");
        }

        if (i > 0 && days[i] <= days[i - 1])
        {
            throw new TesseraValidationException(field, DateOnly.FromDayNumber(days[i] + DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), "dates must be strictly increasing");
        }
    }

    private static VixSeries NonEmpty(int[] days, double[] values) =>
        days.Length == 0 ? throw new TesseraValidationException("vix", "0", "at least one VIX close is required") : new VixSeries(days, values);
}
