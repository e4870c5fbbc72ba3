using Tessera.Core.Data;
using Tessera.Core.Signals;

namespace Tessera.Core.Strategies;

/// <summary>
/// The common contract of every strategy. A signal at bar t uses only bars up to and including t; the
/// fill it implies is at the open of t+1 (see <see cref="Signal"/>).
/// </summary>
public interface IStrategy
{
    /// <summary>Registry name, e.g. "connors-rsi2".</summary>
    string Name { get; }

    /// <summary>Canonical parameter string <c>name(key=value;...)</c>, keys in a fixed order, numbers round-trip formatted.</summary>
    string CanonicalParameters { get; }

    /// <summary>SHA-256 hex of <see cref="CanonicalParameters"/> (carried by every signal).</summary>
    string ParametersHash { get; }

    /// <summary>Every signal over time for every series of the universe (backtests), ordered by time then symbol.</summary>
    IReadOnlyList<Signal> SignalsOverTime(IReadOnlyList<BarSeries> universe);

    /// <summary>Signals at the latest bar only (live use, scanner).</summary>
    IReadOnlyList<Signal> LatestSignals(IReadOnlyList<BarSeries> universe);
}

/// <summary>A strategy that looks at one symbol at a time and can run live, bar by bar.</summary>
public interface ISeriesStrategy : IStrategy
{
    /// <summary>A fresh incremental engine for one symbol (live streams: feed each closed bar once).</summary>
    ISignalEngine CreateEngine(string symbol);

    /// <summary>Every signal over time for one series.</summary>
    IReadOnlyList<Signal> SignalsOverTime(BarSeries bars);

    /// <summary>Signals emitted at the last bar of the series (state is rebuilt from the whole history).</summary>
    IReadOnlyList<Signal> LatestSignals(BarSeries bars);
}

/// <summary>Incremental state of one strategy on one symbol.</summary>
public interface ISignalEngine
{
    string Symbol { get; }

    /// <summary>Number of bars consumed so far.</summary>
    int BarCount { get; }

    /// <summary>Consumes one closed bar (timestamps strictly increasing) and appends the signals it causes.</summary>
    void OnBar(in OhlcvBar bar, ICollection<Signal> sink);
}
