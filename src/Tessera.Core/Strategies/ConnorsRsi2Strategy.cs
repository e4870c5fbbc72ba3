using Tessera.Core.Data;
using Tessera.Core.Indicators;
using Tessera.Core.Signals;

namespace Tessera.Core.Strategies;

/// <summary>Parameters of Connors RSI-2 (defaults from Connors and Alvarez, "Short Term Trading Strategies That Work").</summary>
public sealed record ConnorsRsi2Parameters(
    int RsiPeriod = 2,
    int TrendPeriod = 200,
    double LongEntryBelow = 10,
    double ShortEntryAbove = 90,
    double LongExitAbove = 70,
    double ShortExitBelow = 30,
    int AtrPeriod = 14,
    double AtrStopMultiple = 2,
    int MaxHoldBars = 5,
    bool AllowShort = true,
    int LagBars = IndicatorLag.None,
    double MinPrice = 0)
{
    public void Validate()
    {
        ParameterGuard.AtLeast(RsiPeriod, 1, nameof(RsiPeriod));
        ParameterGuard.AtLeast(TrendPeriod, 1, nameof(TrendPeriod));
        ParameterGuard.InRange(LongEntryBelow, 0, 100, nameof(LongEntryBelow));
        ParameterGuard.InRange(ShortEntryAbove, 0, 100, nameof(ShortEntryAbove));
        ParameterGuard.InRange(LongExitAbove, 0, 100, nameof(LongExitAbove));
        ParameterGuard.InRange(ShortExitBelow, 0, 100, nameof(ShortExitBelow));
        ParameterGuard.AtLeast(AtrPeriod, 1, nameof(AtrPeriod));
        ParameterGuard.InRange(AtrStopMultiple, 0, 1e6, nameof(AtrStopMultiple));
        ParameterGuard.AtLeast(MaxHoldBars, 0, nameof(MaxHoldBars));
        IndicatorLag.Validate(LagBars, nameof(LagBars));
        IndicatorLag.ValidateMinPrice(MinPrice, nameof(MinPrice));
    }

    /// <summary>The lag and minimum price appear only when set, so the default parameters keep their pinned hash.</summary>
    internal CanonicalParameters AppendTo(CanonicalParameters c)
    {
        c.Add("rsi", RsiPeriod).Add("trend", TrendPeriod).Add("longEntry", LongEntryBelow).Add("shortEntry", ShortEntryAbove)
            .Add("longExit", LongExitAbove).Add("shortExit", ShortExitBelow).Add("atr", AtrPeriod).Add("atrStop", AtrStopMultiple)
            .Add("maxHold", MaxHoldBars).Add("short", AllowShort);
        if (LagBars != IndicatorLag.None)
        {
            c.Add("lag", LagBars);
        }

        if (MinPrice != 0)
        {
            c.Add("minPrice", MinPrice);
        }

        return c;
    }
}

/// <summary>
/// Connors RSI-2: long when RSI(2) &lt;= 10 and close &gt; SMA(200), short when RSI(2) &gt;= 90 and close &lt;
/// SMA(200). Exits: RSI &gt;= 70 (long) / &lt;= 30 (short) at the close, a protective stop at entry close -/+ 2 x
/// ATR(14) (carried as <see cref="Signal.StopPrice"/>), and a 5-bar time stop. Strength: 1 - RSI/100 for longs,
/// -RSI/100 for shorts. Options (off by default, on in the <c>kobe81</c> preset): <c>LagBars = 1</c> reads every
/// indicator at bar t-1 (<see cref="IndicatorLag"/>); <c>MinPrice</c> refuses entries whose close is below it.
/// </summary>
public sealed class ConnorsRsi2Strategy : SeriesStrategy
{
    public const string StrategyName = "connors-rsi2";

    public ConnorsRsi2Strategy(ConnorsRsi2Parameters? parameters = null)
        : base(StrategyName, Canonical(parameters ?? new ConnorsRsi2Parameters()))
    {
        Parameters = parameters ?? new ConnorsRsi2Parameters();
    }

    public ConnorsRsi2Parameters Parameters { get; }

    public override ISignalEngine CreateEngine(string symbol) => new Engine(this, symbol, Parameters, ibsFilter: null);

    public override SeriesSignalBatch CreateBatch() => new ConnorsRsi2Batch(this, Parameters, ibsFilter: null);

    private static string Canonical(ConnorsRsi2Parameters p)
    {
        p.Validate();
        return p.AppendTo(new CanonicalParameters(StrategyName)).ToString();
    }

    /// <summary>RSI-2 engine, optionally gated by an IBS condition (the AND strategy reuses it).</summary>
    internal sealed class Engine : SignalEngineBase
    {
        private readonly ConnorsRsi2Parameters _p;
        private readonly IbsParameters? _ibs;
        private readonly Rsi _rsi;
        private readonly Sma _trend;
        private readonly Atr _atr;
        private readonly PositionTracker _position = new();

        // LagBars = 1: the values of the previous bar (NaN / not ready before it).
        private bool _previousReady;
        private double _previousRsi = double.NaN;
        private double _previousTrend = double.NaN;
        private double _previousAtr = double.NaN;
        private double _previousIbs = double.NaN;

        public Engine(SeriesStrategy strategy, string symbol, ConnorsRsi2Parameters p, IbsParameters? ibsFilter)
            : base(strategy, symbol)
        {
            _p = p;
            _ibs = ibsFilter;
            _rsi = new Rsi(p.RsiPeriod);
            _trend = new Sma(p.TrendPeriod);
            _atr = new Atr(p.AtrPeriod);
        }

        protected override void Process(in OhlcvBar bar, ICollection<Signal> sink)
        {
            var rsi = _rsi.Update(bar.Close);
            var trend = _trend.Update(bar.Close);
            var atr = _atr.Update(bar.High, bar.Low, bar.Close);
            var ready = _rsi.IsReady && _trend.IsReady && _atr.IsReady;
            var ibs = _ibs is null ? double.NaN : Ibs.Of(bar.High, bar.Low, bar.Close);
            if (_p.LagBars == IndicatorLag.OneBar)
            {
                (rsi, _previousRsi) = (_previousRsi, rsi);
                (trend, _previousTrend) = (_previousTrend, trend);
                (atr, _previousAtr) = (_previousAtr, atr);
                (ibs, _previousIbs) = (_previousIbs, ibs);
                (ready, _previousReady) = (_previousReady, ready);
            }

            if (!ready)
            {
                return;
            }

            if (!_position.IsFlat)
            {
                ManageExit(bar, rsi, sink);
                return;
            }

            if (!IndicatorLag.PriceAllowed(bar.Close, _p.MinPrice))
            {
                return;
            }

            if (rsi <= _p.LongEntryBelow && bar.Close > trend && (_ibs is null || ibs < _ibs.LongBelow))
            {
                var strength = _ibs is null ? 1 - (rsi / 100) : ((1 - (rsi / 100)) + (1 - ibs)) / 2;
                Enter(bar, Side.Long, strength, bar.Close - (_p.AtrStopMultiple * atr), sink);
            }
            else if (_p.AllowShort && rsi >= _p.ShortEntryAbove && bar.Close < trend && (_ibs is null || ibs > _ibs.ShortAbove))
            {
                var strength = _ibs is null ? -rsi / 100 : -((rsi / 100) + ibs) / 2;
                Enter(bar, Side.Short, strength, bar.Close + (_p.AtrStopMultiple * atr), sink);
            }
        }

        private void Enter(in OhlcvBar bar, Side side, double strength, double stopLevel, ICollection<Signal> sink)
        {
            var stop = UsableStop(stopLevel);
            _position.Open(side, Index, stop);
            sink.Add(Make(bar, side, strength, SignalReasons.Entry, stop));
        }

        private void ManageExit(in OhlcvBar bar, double rsi, ICollection<Signal> sink)
        {
            string? reason = null;
            var stop = _position.Stop;
            if (_position.StopHit(Index, bar.High, bar.Low))
            {
                reason = SignalReasons.ExitStop;
            }
            else if (_position.Side == Side.Long ? rsi >= _p.LongExitAbove : rsi <= _p.ShortExitBelow)
            {
                reason = SignalReasons.ExitRsi;
            }
            else if (_position.TimeUp(Index, _p.MaxHoldBars))
            {
                reason = SignalReasons.ExitTime;
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
