using Tessera.Core.Markets;

namespace Tessera.Core.Governance;

/// <summary>
/// Clean canary days (the promotion gate's canary → promoted evidence): the NYSE regular sessions that opened at or
/// after <c>since</c> (the later of the canary entry and the run's last kill-switch firing) and had closed by
/// <c>now</c>. A session the run entered canary during does not count (it was not a full day in canary), nor does
/// today's session before its close. Pure: instants in, count out.
/// </summary>
public static class CanaryDays
{
    public static int Clean(DateTimeOffset since, DateTimeOffset now)
    {
        if (now <= since)
        {
            return 0;
        }

        var count = 0;
        foreach (var session in NyseCalendar.Sessions(UsEastern.DateOf(since), UsEastern.DateOf(now)))
        {
            if (session.Open >= since && session.Close <= now)
            {
                count++;
            }
        }

        return count;
    }
}
