namespace Tessera.Core.Fundamentals;

/// <summary>
/// One company's annual fundamentals as the gatekeeper accepts them (seed 000 gatekeeper.py's FundamentalSnapshot):
/// the fiscal-year flows (revenue, operating income, net income, operating cash flow, capital expenditure, all USD over
/// <see cref="PeriodStart"/>..<see cref="PeriodEnd"/>), the balance-sheet instants at the period end (debt, cash) and the
/// latest shares outstanding. Constructed only by <see cref="FundamentalSnapshotRules.Validate"/>, which checks every
/// field and the fields against each other.
/// </summary>
public sealed record FundamentalSnapshot(
    string Ticker,
    long Cik,
    DateOnly PeriodStart,
    DateOnly PeriodEnd,
    int FiscalYear,
    DateOnly Filed,
    double Revenue,
    double OperatingIncome,
    double NetIncome,
    double OperatingCashFlow,
    double CapitalExpenditure,
    double TotalDebt,
    double Cash,
    double SharesOutstanding)
{
    /// <summary>Free cash flow = operating cash flow − capital expenditure (capex is reported as a positive payment).</summary>
    public double FreeCashFlow => OperatingCashFlow - CapitalExpenditure;

    public double NetDebt => TotalDebt - Cash;

    /// <summary>Market capitalisation + debt − cash at <paramref name="price"/>.</summary>
    public double EnterpriseValue(double price) => (price * SharesOutstanding) + TotalDebt - Cash;
}

/// <summary>Why a ticker was rejected; the weekly audit (SOP-03) counts by it.</summary>
public enum RejectionCategory
{
    MissingFact,
    NonFinite,
    WrongUnit,
    DuplicatePeriod,
    OutOfRange,
    Period,
    CrossField,
    Malformed,
}

/// <summary>A rejection: the category, the field (an XBRL concept or a snapshot field) and the rule, as written to rejected_tickers/.</summary>
public sealed record TickerRejection(string Ticker, RejectionCategory Category, string Field, string Reason);

/// <summary>Thrown by the gatekeeper's steps; carries the rejection so the batch records it and goes on.</summary>
public sealed class FundamentalRejectedException(TickerRejection rejection)
    : Exception($"{rejection.Ticker}: {rejection.Field}: {rejection.Reason}")
{
    public TickerRejection Rejection { get; } = rejection;
}
