using Tessera.Core.Data;
using Tessera.Core.Indicators;
using Tessera.Core.Signals;

namespace Tessera.Core.Strategies;

/// <summary>Parameters of ICT / Raschke "Turtle Soup".</summary>
public sealed record TurtleSoupParameters(int ChannelPeriod = 20, int MinBarsSinceExtreme = 4, double StopBuffer = 0.01, int MaxHoldBars = 5, int AtrPeriod = 14, bool AllowShort = true)
{
    public void Validate()
    {
        ParameterGuard.AtLeast(ChannelPeriod, 2, nameof(ChannelPeriod));
        ParameterGuard.AtLeast(MinBarsSinceExtreme, 1, nameof(MinBarsSinceExtreme));
        ParameterGuard.InRange(StopBuffer, 0, 1e6, nameof(StopBuffer));
        ParameterGuard.AtLeast(MaxHoldBars, 0, nameof(MaxHoldBars));
        ParameterGuard.AtLeast(AtrPeriod, 1, nameof(AtrPeriod));
    }
}

/// <summary>
/// Turtle Soup (Raschke and Connors, "Street Smarts", 1995; the ICT liquidity-sweep reading): a false breakout
/// of the 20-bar extreme. Long at the close of bar t when low_t breaks below the lowest low of the previous 20
/// bars, that prior low was made at least 4 bars before t, and the bar closes back above it (the breakout failed).
/// The stop sits beyond the new extreme: low_t - StopBuffer. Short is the mirror image on highs. Exits: the stop,
/// or after MaxHoldBars bars (default 5). Strength: tanh(depth of the sweep / ATR(14)).
/// </summary>
public sealed class TurtleSoupStrategy : SeriesStrategy
{
    public const string StrategyName = "turtle-soup";

    public TurtleSoupStrategy(TurtleSoupParameters? parameters = null)
        : base(StrategyName, Canonical(parameters ?? new TurtleSoupParameters()))
    {
        Parameters = parameters ?? new TurtleSoupParameters();
    }

    public TurtleSoupParameters Parameters { get; }

    public override ISignalEngine CreateEngine(string symbol) => new Engine(this, symbol, Parameters);

    private static string Canonical(TurtleSoupParameters p)
    {
        p.Validate();
        return new CanonicalParameters(StrategyName).Add("channel", p.ChannelPeriod).Add("minAge", p.MinBarsSinceExtreme)
            .Add("stopBuffer", p.StopBuffer).Add("maxHold", p.MaxHoldBars).Add("atr", p.AtrPeriod).Add("short", p.AllowShort).ToString();
    }

    private sealed class Engine : SignalEngineBase
    {
        private readonly TurtleSoupParameters _p;
        private readonly Donchian _channel;
        private readonly Atr _atr;
        private readonly PositionTracker _position = new();

        public Engine(SeriesStrategy strategy, string symbol, TurtleSoupParameters p)
            : base(strategy, symbol)
        {
            _p = p;
            _channel = new Donchian(p.ChannelPeriod);
            _atr = new Atr(p.AtrPeriod);
        }

        protected override void Process(in OhlcvBar bar, ICollection<Signal> sink)
        {
            // The channel returned here covers the previous bars only (the current bar is added after).
            _channel.Update(bar.High, bar.Low);
            var atr = _atr.Update(bar.High, bar.Low, bar.Close);
            if (!(_channel.IsReady && _atr.IsReady))
            {
                return;
            }

            if (!_position.IsFlat)
            {
                var stop = _position.Stop;
                var reason = _position.StopHit(Index, bar.High, bar.Low) ? SignalReasons.ExitStop
                    : _position.TimeUp(Index, _p.MaxHoldBars) ? SignalReasons.ExitTime : null;
                if (reason is not null)
                {
                    sink.Add(Make(bar, Side.Flat, 0, reason, string.Equals(reason, SignalReasons.ExitStop, StringComparison.Ordinal) ? stop : null));
                    _position.Close();
                }

                return;
            }

            var scale = atr > 0 ? atr : 1.0;
            if (bar.Low < _channel.Lower && bar.Close > _channel.Lower && Index - _channel.LowerIndex >= _p.MinBarsSinceExtreme)
            {
                var stop = UsableStop(bar.Low - _p.StopBuffer);
                _position.Open(Side.Long, Index, stop);
                sink.Add(Make(bar, Side.Long, Math.Tanh((_channel.Lower - bar.Low) / scale), SignalReasons.Entry, stop));
            }
            else if (_p.AllowShort && bar.High > _channel.Upper && bar.Close < _channel.Upper && Index - _channel.UpperIndex >= _p.MinBarsSinceExtreme)
            {
                var stop = UsableStop(bar.High + _p.StopBuffer);
                _position.Open(Side.Short, Index, stop);
                sink.Add(Make(bar, Side.Short, -Math.Tanh((bar.High - _channel.Upper) / scale), SignalReasons.Entry, stop));
            }
        }
    }
}
