using Tessera.Core.Data;
using Tessera.Core.Indicators;
using Tessera.Core.Signals;

namespace Tessera.Core.Strategies;

/// <summary>Parameters of the IBS mean-reversion strategy.</summary>
public sealed record IbsParameters(double LongBelow = 0.2, double ShortAbove = 0.8, int TrendPeriod = 200, int MaxHoldBars = 5, bool AllowShort = true)
{
    public void Validate()
    {
        ParameterGuard.InRange(LongBelow, 0, 1, nameof(LongBelow));
        ParameterGuard.InRange(ShortAbove, 0, 1, nameof(ShortAbove));
        ParameterGuard.AtLeast(TrendPeriod, 1, nameof(TrendPeriod));
        ParameterGuard.AtLeast(MaxHoldBars, 0, nameof(MaxHoldBars));
    }

    internal CanonicalParameters AppendTo(CanonicalParameters c) => c
        .Add("ibsLong", LongBelow).Add("ibsShort", ShortAbove).Add("ibsTrend", TrendPeriod).Add("ibsMaxHold", MaxHoldBars).Add("ibsAllowShort", AllowShort);
}

/// <summary>
/// Internal bar strength mean reversion: long when IBS &lt; 0.2 and close &gt; SMA(200), short when IBS &gt; 0.8 and
/// close &lt; SMA(200). Exit when IBS reaches the opposite extreme (long: IBS &gt; 0.8; short: IBS &lt; 0.2) or after
/// MaxHoldBars bars (default 5; 0 disables). No price stop. Strength: 1 - IBS (long), -IBS (short).
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

    private static string Canonical(IbsParameters p)
    {
        p.Validate();
        return p.AppendTo(new CanonicalParameters(StrategyName)).ToString();
    }

    private sealed class Engine : SignalEngineBase
    {
        private readonly IbsParameters _p;
        private readonly Sma _trend;
        private readonly PositionTracker _position = new();

        public Engine(SeriesStrategy strategy, string symbol, IbsParameters p)
            : base(strategy, symbol)
        {
            _p = p;
            _trend = new Sma(p.TrendPeriod);
        }

        protected override void Process(in OhlcvBar bar, ICollection<Signal> sink)
        {
            var ibs = Ibs.Of(bar.High, bar.Low, bar.Close);
            var trend = _trend.Update(bar.Close);
            if (!_trend.IsReady)
            {
                return;
            }

            if (!_position.IsFlat)
            {
                var reason = (_position.Side == Side.Long ? ibs > _p.ShortAbove : ibs < _p.LongBelow)
                    ? SignalReasons.ExitIbs
                    : _position.TimeUp(Index, _p.MaxHoldBars) ? SignalReasons.ExitTime : null;
                if (reason is not null)
                {
                    sink.Add(Make(bar, Side.Flat, 0, reason));
                    _position.Close();
                }

                return;
            }

            if (ibs < _p.LongBelow && bar.Close > trend)
            {
                _position.Open(Side.Long, Index, stop: null);
                sink.Add(Make(bar, Side.Long, 1 - ibs, SignalReasons.Entry));
            }
            else if (_p.AllowShort && ibs > _p.ShortAbove && bar.Close < trend)
            {
                _position.Open(Side.Short, Index, stop: null);
                sink.Add(Make(bar, Side.Short, -ibs, SignalReasons.Entry));
            }
        }
    }
}
