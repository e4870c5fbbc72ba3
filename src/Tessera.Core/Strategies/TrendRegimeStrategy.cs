using Tessera.Core.Data;
using Tessera.Core.Indicators;
using Tessera.Core.Signals;

namespace Tessera.Core.Strategies;

/// <summary>What stands for "price" in the trend regime test.</summary>
public enum TrendProxy
{
    /// <summary>The close itself.</summary>
    Close = 0,

    /// <summary>SMA(SmaProxyPeriod) of the close, default SMA(50).</summary>
    Sma = 1,

    /// <summary>The VWMA(CrossVwmaPeriod) also used for the cross, default VWMA(20).</summary>
    Vwma = 2,
}

/// <summary>Parameters of the trend regime strategy.</summary>
public sealed record TrendRegimeParameters(
    TrendProxy Proxy = TrendProxy.Close,
    int SmaProxyPeriod = 50,
    int TrendPeriod = 200,
    double Threshold = 0.02,
    int CrossVwmaPeriod = 20,
    int CrossWithinBars = 20,
    bool RequireCross = true,
    bool AllowShort = true)
{
    public void Validate()
    {
        ParameterGuard.AtLeast(SmaProxyPeriod, 1, nameof(SmaProxyPeriod));
        ParameterGuard.AtLeast(TrendPeriod, 1, nameof(TrendPeriod));
        ParameterGuard.InRange(Threshold, 0, 10, nameof(Threshold));
        ParameterGuard.AtLeast(CrossVwmaPeriod, 1, nameof(CrossVwmaPeriod));
        ParameterGuard.AtLeast(CrossWithinBars, 0, nameof(CrossWithinBars));
        if (!Enum.IsDefined(Proxy))
        {
            throw new Errors.TesseraValidationException(nameof(Proxy), Proxy.ToString(), "must be Close, Sma or Vwma");
        }
    }
}

/// <summary>
/// Trend regime: the proxy (close, SMA(50) or VWMA(20)) must sit above SMA(200) x (1 + threshold) for
/// a long regime (below x (1 - threshold) for short), and - when RequireCross - VWMA(20) must have crossed SMA(200)
/// in the same direction within the last N bars (a fresh trend, not an old one). A regime position ends when the
/// proxy crosses back through SMA(200) (exit:regime); a flip emits the exit and the new entry on the same bar.
/// Strength: tanh(gap / (5 x threshold)) with gap = proxy/SMA(200) - 1 (scale 0.1 when threshold = 0).
/// </summary>
public sealed class TrendRegimeStrategy : SeriesStrategy
{
    public const string StrategyName = "trend-regime";

    public TrendRegimeStrategy(TrendRegimeParameters? parameters = null)
        : base(StrategyName, Canonical(parameters ?? new TrendRegimeParameters()))
    {
        Parameters = parameters ?? new TrendRegimeParameters();
    }

    public TrendRegimeParameters Parameters { get; }

    public override ISignalEngine CreateEngine(string symbol) => new Engine(this, symbol, Parameters);

    private static string Canonical(TrendRegimeParameters p)
    {
        p.Validate();
        return new CanonicalParameters(StrategyName).Add("proxy", p.Proxy.ToString()).Add("smaProxy", p.SmaProxyPeriod).Add("trend", p.TrendPeriod)
            .Add("threshold", p.Threshold).Add("crossVwma", p.CrossVwmaPeriod).Add("crossWithin", p.CrossWithinBars)
            .Add("requireCross", p.RequireCross).Add("short", p.AllowShort).ToString();
    }

    private sealed class Engine : SignalEngineBase
    {
        private readonly TrendRegimeParameters _p;
        private readonly Sma _trend;
        private readonly Sma? _proxySma;
        private readonly Vwma _crossVwma;
        private readonly double _strengthScale;
        private double _previousDiff = double.NaN;
        private int _lastCrossUp = int.MinValue / 2;
        private int _lastCrossDown = int.MinValue / 2;
        private Side _regime = Side.Flat;

        public Engine(SeriesStrategy strategy, string symbol, TrendRegimeParameters p)
            : base(strategy, symbol)
        {
            _p = p;
            _trend = new Sma(p.TrendPeriod);
            _proxySma = p.Proxy == TrendProxy.Sma ? new Sma(p.SmaProxyPeriod) : null;
            _crossVwma = new Vwma(p.CrossVwmaPeriod);
            _strengthScale = p.Threshold > 0 ? 5 * p.Threshold : 0.1;
        }

        protected override void Process(in OhlcvBar bar, ICollection<Signal> sink)
        {
            var trend = _trend.Update(bar.Close);
            var vwma = _crossVwma.Update(bar.Close, bar.Volume);
            var proxy = _p.Proxy switch
            {
                TrendProxy.Sma => _proxySma!.Update(bar.Close),
                TrendProxy.Vwma => vwma,
                _ => bar.Close,
            };
            if (!_trend.IsReady || double.IsNaN(vwma))
            {
                return;
            }

            var diff = vwma - trend;
            if (!double.IsNaN(_previousDiff))
            {
                if (_previousDiff <= 0 && diff > 0)
                {
                    _lastCrossUp = Index;
                }
                else if (_previousDiff >= 0 && diff < 0)
                {
                    _lastCrossDown = Index;
                }
            }

            _previousDiff = diff;
            if (double.IsNaN(proxy))
            {
                return;
            }

            var gap = (proxy / trend) - 1;
            if (_regime == Side.Long && proxy < trend)
            {
                Exit(bar, sink);
            }
            else if (_regime == Side.Short && proxy > trend)
            {
                Exit(bar, sink);
            }

            if (_regime != Side.Flat)
            {
                return;
            }

            var freshUp = !_p.RequireCross || Index - _lastCrossUp <= _p.CrossWithinBars;
            var freshDown = !_p.RequireCross || Index - _lastCrossDown <= _p.CrossWithinBars;
            if (gap >= _p.Threshold && freshUp)
            {
                _regime = Side.Long;
                sink.Add(Make(bar, Side.Long, Math.Tanh(gap / _strengthScale), SignalReasons.Entry));
            }
            else if (_p.AllowShort && gap <= -_p.Threshold && freshDown)
            {
                _regime = Side.Short;
                sink.Add(Make(bar, Side.Short, Math.Tanh(gap / _strengthScale), SignalReasons.Entry));
            }
        }

        private void Exit(in OhlcvBar bar, ICollection<Signal> sink)
        {
            _regime = Side.Flat;
            sink.Add(Make(bar, Side.Flat, 0, SignalReasons.ExitRegime));
        }
    }
}
