using Tessera.Core.Data;
using Tessera.Core.Indicators;
using Tessera.Core.Signals;

namespace Tessera.Core.Strategies;

/// <summary>Parameters of the ADX regime strategy.</summary>
public sealed record AdxRegimeParameters(int Period = 14, double Threshold = 25, bool AllowShort = true)
{
    public void Validate()
    {
        ParameterGuard.AtLeast(Period, 1, nameof(Period));
        ParameterGuard.InRange(Threshold, 0, 100, nameof(Threshold));
    }
}

/// <summary>
/// ADX regime: trending up (Long) when ADX(14) &gt; 25 and +DI &gt; -DI, trending down (Short) when ADX &gt; 25 and
/// -DI &gt; +DI, otherwise no regime. Signals are emitted on regime changes only: exit:regime when a regime ends,
/// an entry when one starts (both on the same bar for a direct flip). Strength: +/- ADX/100.
/// </summary>
public sealed class AdxRegimeStrategy : SeriesStrategy
{
    public const string StrategyName = "adx-regime";

    public AdxRegimeStrategy(AdxRegimeParameters? parameters = null)
        : base(StrategyName, Canonical(parameters ?? new AdxRegimeParameters()))
    {
        Parameters = parameters ?? new AdxRegimeParameters();
    }

    public AdxRegimeParameters Parameters { get; }

    public override ISignalEngine CreateEngine(string symbol) => new Engine(this, symbol, Parameters);

    private static string Canonical(AdxRegimeParameters p)
    {
        p.Validate();
        return new CanonicalParameters(StrategyName).Add("period", p.Period).Add("threshold", p.Threshold).Add("short", p.AllowShort).ToString();
    }

    private sealed class Engine : SignalEngineBase
    {
        private readonly AdxRegimeParameters _p;
        private readonly Adx _adx;
        private Side _regime = Side.Flat;

        public Engine(SeriesStrategy strategy, string symbol, AdxRegimeParameters p)
            : base(strategy, symbol)
        {
            _p = p;
            _adx = new Adx(p.Period);
        }

        protected override void Process(in OhlcvBar bar, ICollection<Signal> sink)
        {
            var adx = _adx.Update(bar.High, bar.Low, bar.Close);
            if (!_adx.IsReady)
            {
                return;
            }

            var regime = Side.Flat;
            if (adx > _p.Threshold && _adx.PlusDi > _adx.MinusDi)
            {
                regime = Side.Long;
            }
            else if (_p.AllowShort && adx > _p.Threshold && _adx.MinusDi > _adx.PlusDi)
            {
                regime = Side.Short;
            }

            if (regime == _regime)
            {
                return;
            }

            if (_regime != Side.Flat)
            {
                sink.Add(Make(bar, Side.Flat, 0, SignalReasons.ExitRegime));
            }

            if (regime != Side.Flat)
            {
                sink.Add(Make(bar, regime, regime == Side.Long ? adx / 100 : -adx / 100, SignalReasons.Entry));
            }

            _regime = regime;
        }
    }
}
