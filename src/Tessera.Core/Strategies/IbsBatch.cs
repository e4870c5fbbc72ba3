using System.Runtime.CompilerServices;
using Tessera.Core.Data;
using Tessera.Core.Indicators;
using Tessera.Core.Indicators.Kernels;
using Tessera.Core.Signals;

namespace Tessera.Core.Strategies;

/// <summary>
/// Whole-series form of <see cref="IbsStrategy"/>'s engine: the trend SMA (and, under <see cref="IbsExit.AtrStopAndTime"/>,
/// ATR) as columns from the span kernels, IBS from the bar itself, then the engine's rules in one loop. Readiness is
/// positional as in the streaming indicators: the SMA from bar TrendPeriod - 1, ATR from bar AtrPeriod - 1; under
/// <c>LagBars = 1</c> the indicator values (IBS included) and their readiness are the previous bar's, the prices current.
/// </summary>
internal sealed class IbsBatch : SeriesSignalBatch
{
    private readonly IbsParameters _p;
    private double[] _trend = [];
    private double[] _atr = [];

    public IbsBatch(IStrategy strategy, IbsParameters p)
        : base(strategy)
    {
        _p = p;
    }

    private bool AtrExit => _p.Exit == IbsExit.AtrStopAndTime;

    public override void AppendSignals(BarSeries bars, List<Signal> sink)
    {
        CheckBars(bars);
        var n = bars.Count;
        var trend = Column(ref _trend, n);
        IndicatorKernels.Sma(bars.Close, trend, _p.TrendPeriod);
        var atr = Span<double>.Empty;
        if (AtrExit)
        {
            atr = Column(ref _atr, n);
            IndicatorKernels.Atr(bars.High, bars.Low, bars.Close, atr, _p.AtrPeriod, FirstBarConvention.TradingView);
        }

        Decide(bars, trend, atr, sink);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Decide(BarSeries bars, ReadOnlySpan<double> trend, ReadOnlySpan<double> atr, List<Signal> sink)
    {
        var p = _p;
        var atrExit = AtrExit;
        var symbol = bars.Symbol;
        var ts = bars.Timestamps;
        ReadOnlySpan<double> high = bars.High;
        ReadOnlySpan<double> low = bars.Low;
        ReadOnlySpan<double> close = bars.Close;
        var lag = p.LagBars == IndicatorLag.OneBar ? 1 : 0;
        var firstReady = (atrExit ? Math.Max(p.TrendPeriod - 1, p.AtrPeriod - 1) : p.TrendPeriod - 1) + lag;
        var longBelow = p.LongBelow;
        var shortAbove = p.ShortAbove;
        var maxHold = p.MaxHoldBars;

        // The position the engine's PositionTracker would hold.
        var side = Side.Flat;
        var entryIndex = -1;
        double? stop = null;
        for (var i = firstReady; i < close.Length; i++)
        {
            var k = i - lag;
            var ibs = Ibs.Of(high[k], low[k], close[k]);
            if (side != Side.Flat)
            {
                string? reason;
                var stopped = false;
                if (atrExit)
                {
                    stopped = stop is { } level && i > entryIndex && (side == Side.Long ? low[i] <= level : high[i] >= level);
                    reason = stopped ? SignalReasons.ExitStop : maxHold > 0 && i - entryIndex >= maxHold ? SignalReasons.ExitTime : null;
                }
                else
                {
                    reason = (side == Side.Long ? ibs > shortAbove : ibs < longBelow) ? SignalReasons.ExitIbs
                        : maxHold > 0 && i - entryIndex >= maxHold ? SignalReasons.ExitTime : null;
                }

                if (reason is not null)
                {
                    sink.Add(Make(ts[i], symbol, Side.Flat, 0, reason, stopped ? stop : null));
                    side = Side.Flat;
                    entryIndex = -1;
                    stop = null;
                }

                continue;
            }

            var c = close[i];
            if (!IndicatorLag.PriceAllowed(c, p.MinPrice))
            {
                continue;
            }

            if (ibs < longBelow && c > trend[k])
            {
                side = Side.Long;
                entryIndex = i;
                stop = atrExit ? SignalEngineBase.UsableStop(c - (p.AtrStopMultiple * atr[k])) : null;
                sink.Add(Make(ts[i], symbol, Side.Long, 1 - ibs, SignalReasons.Entry, stop));
            }
            else if (p.AllowShort && ibs > shortAbove && c < trend[k])
            {
                side = Side.Short;
                entryIndex = i;
                stop = atrExit ? SignalEngineBase.UsableStop(c + (p.AtrStopMultiple * atr[k])) : null;
                sink.Add(Make(ts[i], symbol, Side.Short, -ibs, SignalReasons.Entry, stop));
            }
        }
    }
}
