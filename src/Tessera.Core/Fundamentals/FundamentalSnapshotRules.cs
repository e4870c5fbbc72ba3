using System.Globalization;

namespace Tessera.Core.Fundamentals;

/// <summary>
/// Field and cross-field rules of a <see cref="FundamentalSnapshot"/>: every number finite; revenue, debt, cash and capex
/// non-negative; shares positive; the fiscal year 350–380 days long, ended no later than the as-of date and no more than
/// 550 days before it (an annual report older than that is stale), filed after it ended; operating margin within
/// [−500 %, 100 %] and |net income| at most 5 x revenue + |operating income| (values off by a scale factor, e.g. a
/// thousands/units mix-up, break these first); when an enterprise value is supplied it must agree with price x shares +
/// debt − cash within 1 %.
/// </summary>
public static class FundamentalSnapshotRules
{
    public const int StaleAfterDays = 550;
    public const double EnterpriseValueTolerance = 0.01;

    public static FundamentalSnapshot Validate(FundamentalSnapshot s, DateOnly asOf, double? price = null, double? enterpriseValue = null)
    {
        ArgumentNullException.ThrowIfNull(s);
        Finite(s, "revenue", s.Revenue);
        Finite(s, "operating_income", s.OperatingIncome);
        Finite(s, "net_income", s.NetIncome);
        Finite(s, "operating_cash_flow", s.OperatingCashFlow);
        Finite(s, "capital_expenditure", s.CapitalExpenditure);
        Finite(s, "total_debt", s.TotalDebt);
        Finite(s, "cash", s.Cash);
        Finite(s, "shares_outstanding", s.SharesOutstanding);
        NonNegative(s, "revenue", s.Revenue);
        NonNegative(s, "capital_expenditure", s.CapitalExpenditure);
        NonNegative(s, "total_debt", s.TotalDebt);
        NonNegative(s, "cash", s.Cash);
        if (s.SharesOutstanding <= 0)
        {
            throw Reject(s, RejectionCategory.OutOfRange, "shares_outstanding", "must be > 0, got " + Text(s.SharesOutstanding));
        }

        var days = s.PeriodEnd.DayNumber - s.PeriodStart.DayNumber;
        if (days is < 350 or > 380)
        {
            throw Reject(s, RejectionCategory.Period, "period", $"a fiscal year is 350-380 days, got {days} ({s.PeriodStart:yyyy-MM-dd}..{s.PeriodEnd:yyyy-MM-dd})");
        }

        if (s.PeriodEnd > asOf)
        {
            throw Reject(s, RejectionCategory.Period, "period_end", $"{s.PeriodEnd:yyyy-MM-dd} is after the as-of date {asOf:yyyy-MM-dd}");
        }

        if (asOf.DayNumber - s.PeriodEnd.DayNumber > StaleAfterDays)
        {
            throw Reject(s, RejectionCategory.Period, "period_end", $"{s.PeriodEnd:yyyy-MM-dd} is more than {StaleAfterDays} days before {asOf:yyyy-MM-dd} (stale)");
        }

        if (s.Filed < s.PeriodEnd)
        {
            throw Reject(s, RejectionCategory.Period, "filed", $"filed {s.Filed:yyyy-MM-dd} before the period ended {s.PeriodEnd:yyyy-MM-dd}");
        }

        if (s.Revenue > 0)
        {
            var margin = s.OperatingIncome / s.Revenue;
            if (margin is < -5 or > 1)
            {
                throw Reject(s, RejectionCategory.CrossField, "operating_income", $"operating margin {margin.ToString("P1", CultureInfo.InvariantCulture)} is outside [-500 %, 100 %]");
            }
        }

        if (Math.Abs(s.NetIncome) > (5 * s.Revenue) + Math.Abs(s.OperatingIncome))
        {
            throw Reject(s, RejectionCategory.CrossField, "net_income", "|net income| exceeds 5 x revenue + |operating income| (a scale error?)");
        }

        if (enterpriseValue is { } ev)
        {
            if (price is not { } p || !double.IsFinite(p) || p <= 0)
            {
                throw Reject(s, RejectionCategory.CrossField, "price", "an enterprise value needs a finite positive price to be checked against");
            }

            var implied = s.EnterpriseValue(p);
            if (!double.IsFinite(ev) || Math.Abs(ev - implied) > EnterpriseValueTolerance * Math.Abs(ev))
            {
                throw Reject(s, RejectionCategory.CrossField, "enterprise_value", $"{Text(ev)} disagrees with price x shares + debt - cash = {Text(implied)} by more than 1 %");
            }
        }

        return s;
    }

    private static void Finite(FundamentalSnapshot s, string field, double v)
    {
        if (!double.IsFinite(v))
        {
            throw Reject(s, RejectionCategory.NonFinite, field, "must be finite, got " + Text(v));
        }
    }

    private static void NonNegative(FundamentalSnapshot s, string field, double v)
    {
        if (v < 0)
        {
            throw Reject(s, RejectionCategory.OutOfRange, field, "must be >= 0, got " + Text(v));
        }
    }

    private static FundamentalRejectedException Reject(FundamentalSnapshot s, RejectionCategory c, string field, string reason) =>
        new(new TickerRejection(s.Ticker, c, field, reason));

    private static string Text(double v) => v.ToString("R", CultureInfo.InvariantCulture);
}
