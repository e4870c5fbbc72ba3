namespace Tessera.Alpaca.Model;

/// <summary>Account activity types (upper case on the wire). FILL is a trade activity; the rest are non-trade.</summary>
public enum ActivityType
{
    Unknown = 0,
    [WireName("FILL")] Fill,
    [WireName("TRANS")] Transaction,
    [WireName("MISC")] Miscellaneous,
    [WireName("ACATC")] AcatsCash,
    [WireName("ACATS")] AcatsSecurities,
    [WireName("CSD")] CashDeposit,
    [WireName("CSW")] CashWithdrawal,
    [WireName("DIV")] Dividend,
    [WireName("FEE")] Fee,
    [WireName("INT")] Interest,
    [WireName("JNLC")] JournalCash,
    [WireName("JNLS")] JournalStock,
    [WireName("MA")] MergerAcquisition,
    [WireName("NC")] NameChange,
    [WireName("PTC")] PassThruCharge,
    [WireName("REORG")] Reorg,
    [WireName("SPLIT")] Split,
    [WireName("SSO")] StockSpinoff,
    [WireName("SSP")] StockSplit,
}
