using System.Runtime.CompilerServices;
using Tessera.Core.Data;
using Tessera.Core.Indicators;
using Tessera.Core.Indicators.Kernels;
using Tessera.Core.Signals;

namespace Tessera.Core.Strategies;

/// <summary>
/// Whole-series form of <see cref="ConnorsRsi2Strategy.Engine"/> (RSI-2, optionally AND-gated by IBS for
/// <see cref="Rsi2AndIbsStrategy"/>): RSI, the trend SMA and ATR as columns from one fused kernel pass (<see cref="Rsi2Kernel"/>), then the engine's rules
/// in one loop. Readiness is positional, as the streaming indicators' <c>IsReady</c>: RSI from bar RsiPeriod (its first
/// change is at bar 1), the SMA from bar TrendPeriod - 1, ATR from bar AtrPeriod - 1 (first-bar TR = high - low); under
/// <c>LagBars = 1</c> every indicator value and its readiness are the previous bar's, while the bar's own prices stay
/// current (<see cref="IndicatorLag"/>).
/// </summary>
internal sealed class ConnorsRsi2Batch : SeriesSignalBatch
{
    private readonly ConnorsRsi2Parameters _p;
    private readonly IbsParameters? _ibs;
    private double[] _rsi = [];
    private double[] _trend = [];
    private double[] _atr = [];

    public ConnorsRsi2Batch(IStrategy strategy, ConnorsRsi2Parameters p, IbsParameters? ibsFilter)
        : base(strategy)
    {
        _p = p;
        _ibs = ibsFilter;
    }

    public override void AppendSignals(BarSeries bars, List<Signal> sink)
    {
        CheckBars(bars);
        var n = bars.Count;
        ReadOnlySpan<double> high = bars.High;
        ReadOnlySpan<double> low = bars.Low;
        ReadOnlySpan<double> close = bars.Close;
        var rsi = Column(ref _rsi, n);
        var trend = Column(ref _trend, n);
        var atr = Column(ref _atr, n);
        Rsi2Kernel.Compute(high, low, close, rsi, trend, atr, _p.RsiPeriod, _p.TrendPeriod, _p.AtrPeriod);
        Decide(bars, rsi, trend, atr, sink);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Decide(BarSeries bars, ReadOnlySpan<double> rsi, ReadOnlySpan<double> trend, ReadOnlySpan<double> atr, List<Signal> sink)
    {
        var p = _p;
        var ibsFilter = _ibs;
        var symbol = bars.Symbol;
        var ts = bars.Timestamps;
        ReadOnlySpan<double> high = bars.High;
        ReadOnlySpan<double> low = bars.Low;
        ReadOnlySpan<double> close = bars.Close;
        var lag = p.LagBars == IndicatorLag.OneBar ? 1 : 0;
        var firstReady = Math.Max(p.RsiPeriod, Math.Max(p.TrendPeriod - 1, p.AtrPeriod - 1)) + lag;
        var longEntry = p.LongEntryBelow;
        var shortEntry = p.ShortEntryAbove;
        var longExit = p.LongExitAbove;
        var shortExit = p.ShortExitBelow;
        var allowShort = p.AllowShort;
        var minPrice = p.MinPrice;
        var maxHold = p.MaxHoldBars;

        // The position the engine's PositionTracker would hold.
        var side = Side.Flat;
        var entryIndex = -1;
        double? stop = null;
        for (var i = firstReady; i < close.Length; i++)
        {
            var k = i - lag;
            var r = rsi[k];
            if (side != Side.Flat)
            {
                string? reason = null;
                var stopped = false;
                if (stop is { } level && i > entryIndex && (side == Side.Long ? low[i] <= level : high[i] >= level))
                {
                    reason = SignalReasons.ExitStop;
                    stopped = true;
                }
                else if (side == Side.Long ? r >= longExit : r <= shortExit)
                {
                    reason = SignalReasons.ExitRsi;
                }
                else if (maxHold > 0 && i - entryIndex >= maxHold)
                {
                    reason = SignalReasons.ExitTime;
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
            if (!IndicatorLag.PriceAllowed(c, minPrice))
            {
                continue;
            }

            // Cheap rejections first: most flat bars fail the RSI level before IBS is worth computing.
            var longSide = r <= longEntry && c > trend[k];
            var shortSide = !longSide && allowShort && r >= shortEntry && c < trend[k];
            if (!(longSide || shortSide))
            {
                continue;
            }

            var ibs = ibsFilter is null ? double.NaN : Ibs.Of(high[k], low[k], close[k]);
            if (longSide && (ibsFilter is null || ibs < ibsFilter.LongBelow))
            {
                side = Side.Long;
                entryIndex = i;
                stop = SignalEngineBase.UsableStop(c - (p.AtrStopMultiple * atr[k]));
                var strength = ibsFilter is null ? 1 - (r / 100) : ((1 - (r / 100)) + (1 - ibs)) / 2;
                sink.Add(Make(ts[i], symbol, Side.Long, strength, SignalReasons.Entry, stop));
            }
            else if (allowShort && r >= shortEntry && c < trend[k] && (ibsFilter is null || ibs > ibsFilter.ShortAbove))
            {
                side = Side.Short;
                entryIndex = i;
                stop = SignalEngineBase.UsableStop(c + (p.AtrStopMultiple * atr[k]));
                var strength = ibsFilter is null ? -r / 100 : -((r / 100) + ibs) / 2;
                sink.Add(Make(ts[i], symbol, Side.Short, strength, SignalReasons.Entry, stop));
            }
        }
    }
}
