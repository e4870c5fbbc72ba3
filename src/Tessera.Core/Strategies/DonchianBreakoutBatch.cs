using System.Runtime.CompilerServices;
using Tessera.Core.Data;
using Tessera.Core.Indicators;
using Tessera.Core.Indicators.Kernels;
using Tessera.Core.Signals;

namespace Tessera.Core.Strategies;

/// <summary>
/// Whole-series form of <see cref="DonchianBreakoutStrategy"/>'s engine: the entry and exit channels of the previous bars
/// (<see cref="DonchianKernel"/>) and ATR as columns, then the engine's rules in one loop. Ready from bar
/// max(EntryPeriod, ExitPeriod, AtrPeriod - 1), as the streaming indicators' <c>IsReady</c>.
/// </summary>
internal sealed class DonchianBreakoutBatch : SeriesSignalBatch
{
    private readonly DonchianBreakoutParameters _p;
    private double[] _entryUpper = [];
    private double[] _entryLower = [];
    private double[] _exitUpper = [];
    private double[] _exitLower = [];
    private double[] _atr = [];
    private int[] _deque = [];

    public DonchianBreakoutBatch(IStrategy strategy, DonchianBreakoutParameters p)
        : base(strategy)
    {
        _p = p;
    }

    public override void AppendSignals(BarSeries bars, List<Signal> sink)
    {
        CheckBars(bars);
        var n = bars.Count;
        if (_deque.Length < n)
        {
            _deque = new int[Math.Max(n, _deque.Length * 2)];
        }

        var entryUpper = Column(ref _entryUpper, n);
        var entryLower = Column(ref _entryLower, n);
        var exitUpper = Column(ref _exitUpper, n);
        var exitLower = Column(ref _exitLower, n);
        var atr = Column(ref _atr, n);
        DonchianKernel.Compute(bars.High, bars.Low, entryUpper, entryLower, _p.EntryPeriod, _deque);
        DonchianKernel.Compute(bars.High, bars.Low, exitUpper, exitLower, _p.ExitPeriod, _deque);
        IndicatorKernels.Atr(bars.High, bars.Low, bars.Close, atr, _p.AtrPeriod, FirstBarConvention.TradingView);
        Decide(bars, entryUpper, entryLower, exitUpper, exitLower, atr, sink);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Decide(BarSeries bars, ReadOnlySpan<double> entryUpper, ReadOnlySpan<double> entryLower, ReadOnlySpan<double> exitUpper, ReadOnlySpan<double> exitLower, ReadOnlySpan<double> atr, List<Signal> sink)
    {
        var p = _p;
        var symbol = bars.Symbol;
        var ts = bars.Timestamps;
        ReadOnlySpan<double> high = bars.High;
        ReadOnlySpan<double> low = bars.Low;
        ReadOnlySpan<double> close = bars.Close;
        var firstReady = Math.Max(Math.Max(p.EntryPeriod, p.ExitPeriod), p.AtrPeriod - 1);

        // The position the engine's PositionTracker would hold.
        var side = Side.Flat;
        var entryIndex = -1;
        double? stop = null;
        for (var i = firstReady; i < close.Length; i++)
        {
            var c = close[i];
            if (side != Side.Flat)
            {
                var stopped = stop is { } level && i > entryIndex && (side == Side.Long ? low[i] <= level : high[i] >= level);
                var reason = stopped ? SignalReasons.ExitStop
                    : (side == Side.Long ? c < exitLower[i] : c > exitUpper[i]) ? SignalReasons.ExitChannel
                    : null;
                if (reason is not null)
                {
                    sink.Add(Make(ts[i], symbol, Side.Flat, 0, reason, stopped ? stop : null));
                    side = Side.Flat;
                    entryIndex = -1;
                    stop = null;
                }

                continue;
            }

            var a = atr[i];
            var scale = a > 0 ? a : 1.0;
            if (c > entryUpper[i])
            {
                side = Side.Long;
                entryIndex = i;
                stop = SignalEngineBase.UsableStop(c - (p.AtrStopMultiple * a));
                sink.Add(Make(ts[i], symbol, Side.Long, Math.Tanh((c - entryUpper[i]) / scale), SignalReasons.Entry, stop));
            }
            else if (p.AllowShort && c < entryLower[i])
            {
                side = Side.Short;
                entryIndex = i;
                stop = SignalEngineBase.UsableStop(c + (p.AtrStopMultiple * a));
                sink.Add(Make(ts[i], symbol, Side.Short, -Math.Tanh((entryLower[i] - c) / scale), SignalReasons.Entry, stop));
            }
        }
    }
}
