namespace Tessera.Core.Strategies;

/// <summary>
/// The AND of Connors RSI-2 and IBS: enters only on bars where BOTH entry rules hold (RSI(2) &lt;= 10 and
/// IBS &lt; 0.2 above SMA(200) for longs; RSI(2) &gt;= 90 and IBS &gt; 0.8 below it for shorts; the RSI-2 trend
/// filter is used). Exits are RSI-2's: RSI level, ATR stop, time stop. Strength: mean of the two strengths.
/// The indicator lag and minimum price are RSI-2's record's (<see cref="ConnorsRsi2Parameters.LagBars"/>,
/// <see cref="ConnorsRsi2Parameters.MinPrice"/>; under a lag the IBS read is the previous bar's too); the IBS record's
/// exit rule, lag and minimum price are not used.
/// </summary>
public sealed class Rsi2AndIbsStrategy : SeriesStrategy
{
    public const string StrategyName = "rsi2-and-ibs";

    public Rsi2AndIbsStrategy(ConnorsRsi2Parameters? rsi2 = null, IbsParameters? ibs = null)
        : base(StrategyName, Canonical(rsi2 ?? new ConnorsRsi2Parameters(), ibs ?? new IbsParameters()))
    {
        Rsi2 = rsi2 ?? new ConnorsRsi2Parameters();
        Ibs = ibs ?? new IbsParameters();
    }

    public ConnorsRsi2Parameters Rsi2 { get; }

    public IbsParameters Ibs { get; }

    public override ISignalEngine CreateEngine(string symbol) => new ConnorsRsi2Strategy.Engine(this, symbol, Rsi2, Ibs);

    public override SeriesSignalBatch CreateBatch() => new ConnorsRsi2Batch(this, Rsi2, Ibs);

    private static string Canonical(ConnorsRsi2Parameters rsi2, IbsParameters ibs)
    {
        rsi2.Validate();
        ibs.Validate();
        return ibs.AppendTo(rsi2.AppendTo(new CanonicalParameters(StrategyName)), ownRules: false).ToString();
    }
}
