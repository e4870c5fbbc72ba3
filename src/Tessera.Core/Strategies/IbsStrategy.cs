using Tessera.Core.Data;
using Tessera.Core.Indicators;
using Tessera.Core.Signals;

namespace Tessera.Core.Strategies;

/// <summary>
/// Parameters of the IBS mean-reversion strategy. <see cref="Exit"/> chooses the exit rule (<see cref="IbsExit"/>);
/// <see cref="AtrPeriod"/> and <see cref="AtrStopMultiple"/> are read only by <see cref="IbsExit.AtrStopAndTime"/>.
/// <see cref="LagBars"/> and <see cref="MinPrice"/> are as in <see cref="ConnorsRsi2Parameters"/>.
/// </summary>
public sealed record IbsParameters(
    double LongBelow = 0.2,
    double ShortAbove = 0.8,
    int TrendPeriod = 200,
    int MaxHoldBars = 5,
    bool AllowShort = true,
    IbsExit Exit = IbsExit.Level,
    int AtrPeriod = 14,
    double AtrStopMultiple = 2,
    int LagBars = IndicatorLag.None,
    double MinPrice = 0)
{
    public void Validate()
    {
        ParameterGuard.InRange(LongBelow, 0, 1, nameof(LongBelow));
        ParameterGuard.InRange(ShortAbove, 0, 1, nameof(ShortAbove));
        ParameterGuard.AtLeast(TrendPeriod, 1, nameof(TrendPeriod));
        ParameterGuard.AtLeast(MaxHoldBars, 0, nameof(MaxHoldBars));
        if (Exit is not (IbsExit.Level or IbsExit.AtrStopAndTime))
        {
            throw new Errors.TesseraValidationException(nameof(Exit), ((int)Exit).ToString(System.Globalization.CultureInfo.InvariantCulture), "must be Level or AtrStopAndTime");
        }

        ParameterGuard.AtLeast(AtrPeriod, 1, nameof(AtrPeriod));
        ParameterGuard.InRange(AtrStopMultiple, 0, 1e6, nameof(AtrStopMultiple));
        IndicatorLag.Validate(LagBars, nameof(LagBars));
        IndicatorLag.ValidateMinPrice(MinPrice, nameof(MinPrice));
    }

    /// <summary>
    /// The entry keys always; the exit rule, lag and minimum price only when they differ from the defaults (so the
    /// default parameters keep their pinned hash) and only for the IBS strategy itself (<paramref name="ownRules"/>):
    /// the AND strategy uses RSI-2's exits, lag and minimum price, which RSI-2's record already lists.
    /// </summary>
    internal CanonicalParameters AppendTo(CanonicalParameters c, bool ownRules = false)
    {
        c.Add("ibsLong", LongBelow).Add("ibsShort", ShortAbove).Add("ibsTrend", TrendPeriod).Add("ibsMaxHold", MaxHoldBars).Add("ibsAllowShort", AllowShort);
        if (!ownRules)
        {
            return c;
        }

        if (Exit != IbsExit.Level)
        {
            c.Add("ibsExit", Exit.ToString()).Add("ibsAtr", AtrPeriod).Add("ibsAtrStop", AtrStopMultiple);
        }

        if (LagBars != IndicatorLag.None)
        {
            c.Add("ibsLag", LagBars);
        }

        if (MinPrice != 0)
        {
            c.Add("ibsMinPrice", MinPrice);
        }

        return c;
    }
}

/// <summary>
/// Internal bar strength mean reversion: long when IBS &lt; 0.2 and close &gt; SMA(200), short when IBS &gt; 0.8 and
/// close &lt; SMA(200). Default exit (<see cref="IbsExit.Level"/>): IBS reaches the opposite extreme (long: IBS &gt; 0.8;
/// short: IBS &lt; 0.2) or MaxHoldBars bars pass (default 5; 0 disables); no price stop. Kobe81's exit
/// (<see cref="IbsExit.AtrStopAndTime"/>): a stop at the entry close -/+ 2 x ATR(14) (the entry signal's
/// <see cref="Signal.StopPrice"/>; <c>exit:stop</c> when a later bar's range touches it) and the time stop, exactly as
/// <see cref="ConnorsRsi2Strategy"/> manages them. Strength: 1 - IBS (long), -IBS (short).
/// </summary>
public sealed class IbsStrategy : SeriesStrategy
{
    public const string StrategyName = "ibs";

    public IbsStrategy(IbsParameters? parameters = null)
        : base(StrategyName, Canonical(parameters ?? new IbsParameters()))
    {
        Parameters = parameters ?? new IbsParameters();
    }

    public IbsParameters Parameters { get; }

    public override ISignalEngine CreateEngine(string symbol) => new Engine(this, symbol, Parameters);

    public override SeriesSignalBatch CreateBatch() => new IbsBatch(this, Parameters);

    private static string Canonical(IbsParameters p)
    {
        p.Validate();
        return p.AppendTo(new CanonicalParameters(StrategyName), ownRules: true).ToString();
    }

    private sealed class Engine : SignalEngineBase
    {
        private readonly IbsParameters _p;
        private readonly Sma _trend;
        private readonly Atr? _atr;
        private readonly PositionTracker _position = new();

        // LagBars = 1: the values of the previous bar.
        private bool _previousReady;
        private double _previousIbs = double.NaN;
        private double _previousTrend = double.NaN;
        private double _previousAtr = double.NaN;

        public Engine(SeriesStrategy strategy, string symbol, IbsParameters p)
            : base(strategy, symbol)
        {
            _p = p;
            _trend = new Sma(p.TrendPeriod);
            _atr = p.Exit == IbsExit.AtrStopAndTime ? new Atr(p.AtrPeriod) : null;
        }

        protected override void Process(in OhlcvBar bar, ICollection<Signal> sink)
        {
            var ibs = Ibs.Of(bar.High, bar.Low, bar.Close);
            var trend = _trend.Update(bar.Close);
            var atr = _atr is null ? double.NaN : _atr.Update(bar.High, bar.Low, bar.Close);
            var ready = _trend.IsReady && (_atr is null || _atr.IsReady);
            if (_p.LagBars == IndicatorLag.OneBar)
            {
                (ibs, _previousIbs) = (_previousIbs, ibs);
                (trend, _previousTrend) = (_previousTrend, trend);
                (atr, _previousAtr) = (_previousAtr, atr);
                (ready, _previousReady) = (_previousReady, ready);
            }

            if (!ready)
            {
                return;
            }

            if (!_position.IsFlat)
            {
                ManageExit(bar, ibs, sink);
                return;
            }

            if (!IndicatorLag.PriceAllowed(bar.Close, _p.MinPrice))
            {
                return;
            }

            if (ibs < _p.LongBelow && bar.Close > trend)
            {
                Enter(bar, Side.Long, 1 - ibs, bar.Close - (_p.AtrStopMultiple * atr), sink);
            }
            else if (_p.AllowShort && ibs > _p.ShortAbove && bar.Close < trend)
            {
                Enter(bar, Side.Short, -ibs, bar.Close + (_p.AtrStopMultiple * atr), sink);
            }
        }

        private void Enter(in OhlcvBar bar, Side side, double strength, double stopLevel, ICollection<Signal> sink)
        {
            var stop = _atr is null ? null : UsableStop(stopLevel);
            _position.Open(side, Index, stop);
            sink.Add(Make(bar, side, strength, SignalReasons.Entry, stop));
        }

        private void ManageExit(in OhlcvBar bar, double ibs, ICollection<Signal> sink)
        {
            string? reason = null;
            var stop = _position.Stop;
            if (_p.Exit == IbsExit.AtrStopAndTime)
            {
                reason = _position.StopHit(Index, bar.High, bar.Low) ? SignalReasons.ExitStop
                    : _position.TimeUp(Index, _p.MaxHoldBars) ? SignalReasons.ExitTime : null;
            }
            else
            {
                reason = (_position.Side == Side.Long ? ibs > _p.ShortAbove : ibs < _p.LongBelow)
                    ? SignalReasons.ExitIbs
                    : _position.TimeUp(Index, _p.MaxHoldBars) ? SignalReasons.ExitTime : null;
            }

            if (reason is null)
            {
                return;
            }

            sink.Add(Make(bar, Side.Flat, 0, reason, string.Equals(reason, SignalReasons.ExitStop, StringComparison.Ordinal) ? stop : null));
            _position.Close();
        }
    }
}
