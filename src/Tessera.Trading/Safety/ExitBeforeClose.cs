using Tessera.Core.Errors;
using Tessera.Core.Markets;

namespace Tessera.Trading.Safety;

/// <summary>
/// SEP's exit before close: intraday positions are flattened N minutes before the regular close, the close taken from the
/// NYSE calendar so early closes (13:00) move the window with them. Pure; checked every minute by the hosts.
/// </summary>
public static class ExitBeforeClose
{
    /// <summary>True from <c>close − minutes</c> (inclusive) until the close (exclusive) of the session containing <paramref name="now"/>.</summary>
    public static bool IsDue(DateTimeOffset now, int minutesBeforeClose)
    {
        if (minutesBeforeClose is < 1 or > 390)
        {
            throw new TesseraValidationException("session.exit_before_close_minutes", minutesBeforeClose.ToString(System.Globalization.CultureInfo.InvariantCulture), "must be 1..390");
        }

        var session = NyseCalendar.SessionAt(now);
        return session is not null && session.IsRegular(now) && now >= session.Close.AddMinutes(-minutesBeforeClose);
    }
}
