using Tessera.Core.Data;
using Tessera.Core.Indicators;
using Tessera.Core.Signals;

namespace Tessera.Core.Strategies;

/// <summary>Parameters of the Donchian (Turtle System 2) breakout.</summary>
public sealed record DonchianBreakoutParameters(int EntryPeriod = 55, int ExitPeriod = 20, int AtrPeriod = 20, double AtrStopMultiple = 2, bool AllowShort = true)
{
    public void Validate()
    {
        ParameterGuard.AtLeast(EntryPeriod, 1, nameof(EntryPeriod));
        ParameterGuard.AtLeast(ExitPeriod, 1, nameof(ExitPeriod));
        ParameterGuard.AtLeast(AtrPeriod, 1, nameof(AtrPeriod));
        ParameterGuard.InRange(AtrStopMultiple, 0, 1e6, nameof(AtrStopMultiple));
    }
}

/// <summary>
/// Donchian channel breakout in the Turtle "System 2" form, 55/20: long when the close exceeds the highest
/// high of the previous 55 bars, short when it falls below the lowest low; exit a long when the close falls
/// below the lowest low of the previous 20 bars (short: above the 20-bar high); protective stop at entry
/// close -/+ 2 x ATR(20) (the Turtles' 2N stop). Strength: tanh(breakout distance / ATR).
/// </summary>
public sealed class DonchianBreakoutStrategy : SeriesStrategy
{
    public const string StrategyName = "donchian-breakout";

    public DonchianBreakoutStrategy(DonchianBreakoutParameters? parameters = null)
        : base(StrategyName, Canonical(parameters ?? new DonchianBreakoutParameters()))
    {
        Parameters = parameters ?? new DonchianBreakoutParameters();
    }

    public DonchianBreakoutParameters Parameters { get; }

    public override ISignalEngine CreateEngine(string symbol) => new Engine(this, symbol, Parameters);

    public override SeriesSignalBatch CreateBatch() => new DonchianBreakoutBatch(this, Parameters);

    private static string Canonical(DonchianBreakoutParameters p)
    {
        p.Validate();
        return new CanonicalParameters(StrategyName).Add("entry", p.EntryPeriod).Add("exit", p.ExitPeriod).Add("atr", p.AtrPeriod)
            .Add("atrStop", p.AtrStopMultiple).Add("short", p.AllowShort).ToString();
    }

    private sealed class Engine : SignalEngineBase
    {
        private readonly DonchianBreakoutParameters _p;
        private readonly Donchian _entry;
        private readonly Donchian _exit;
        private readonly Atr _atr;
        private readonly PositionTracker _position = new();

        public Engine(SeriesStrategy strategy, string symbol, DonchianBreakoutParameters p)
            : base(strategy, symbol)
        {
            _p = p;
            _entry = new Donchian(p.EntryPeriod);
            _exit = new Donchian(p.ExitPeriod);
            _atr = new Atr(p.AtrPeriod);
        }

        protected override void Process(in OhlcvBar bar, ICollection<Signal> sink)
        {
            _entry.Update(bar.High, bar.Low);
            _exit.Update(bar.High, bar.Low);
            var atr = _atr.Update(bar.High, bar.Low, bar.Close);
            if (!(_entry.IsReady && _exit.IsReady && _atr.IsReady))
            {
                return;
            }

            if (!_position.IsFlat)
            {
                var stop = _position.Stop;
                string? reason = _position.StopHit(Index, bar.High, bar.Low) ? SignalReasons.ExitStop
                    : (_position.Side == Side.Long ? bar.Close < _exit.Lower : bar.Close > _exit.Upper) ? SignalReasons.ExitChannel
                    : null;
                if (reason is not null)
                {
                    sink.Add(Make(bar, Side.Flat, 0, reason, string.Equals(reason, SignalReasons.ExitStop, StringComparison.Ordinal) ? stop : null));
                    _position.Close();
                }

                return;
            }

            var scale = atr > 0 ? atr : 1.0;
            if (bar.Close > _entry.Upper)
            {
                var stop = UsableStop(bar.Close - (_p.AtrStopMultiple * atr));
                _position.Open(Side.Long, Index, stop);
                sink.Add(Make(bar, Side.Long, Math.Tanh((bar.Close - _entry.Upper) / scale), SignalReasons.Entry, stop));
            }
            else if (_p.AllowShort && bar.Close < _entry.Lower)
            {
                var stop = UsableStop(bar.Close + (_p.AtrStopMultiple * atr));
                _position.Open(Side.Short, Index, stop);
                sink.Add(Make(bar, Side.Short, -Math.Tanh((_entry.Lower - bar.Close) / scale), SignalReasons.Entry, stop));
            }
        }
    }
}
