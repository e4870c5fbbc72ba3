using Tessera.Core.Data;
using Tessera.Core.Errors;
using Tessera.Core.LifeCycle;
using Tessera.Core.Signals;

namespace Tessera.Core.Portfolio.Synthesis;

/// <summary>
/// Turns a strategy's signals on one asset into the atom's daily equity-curve returns.
/// Fills follow the signal contract: a decision at the close of bar t fills at the open of t+1;
/// an "exit:stop" signal with a StopPrice fills intrabar at the stop (or at the open when the bar
/// gaps through it). While in position the asset's return for bar k is close_k / ref - 1 where ref
/// is the entry open on the entry bar and the previous close afterwards; the exit bar earns
/// open / previous close - 1 (or the stop fill). Flat bars earn 0. Only entries in the atom's
/// direction open a position; an entry in the opposite direction closes it (the strategy flipped).
/// The asset-return stream is then normalized by direction (LONG r, SHORT -clip(r, upper = 1)) with
/// the life cycle's <see cref="AtomStream"/> (the one implementation of that rule).
/// </summary>
public static class AtomStreamBuilder
{
    private const string StopReason = "exit:stop";

    public static SyntheticStream Build(StrategyAtom atom, BarSeries bars, IReadOnlyList<Signal> signals)
    {
        if (!string.Equals(bars.Symbol, atom.AssetId, StringComparison.Ordinal))
        {
            throw new TesseraValidationException("bars.symbol", bars.Symbol, "bars must belong to the atom's asset " + atom.AssetId);
        }

        var n = bars.Count;
        var indexOf = new Dictionary<long, int>(n);
        for (var t = 0; t < n; t++)
        {
            indexOf[bars.Timestamps[t]] = t;
        }

        // Per bar: the decision taken at its close (entry in direction, exit) and any stop fill on it.
        var enterAt = new bool[n];
        var exitAt = new bool[n];
        var stopAt = new double[n];
        Array.Fill(stopAt, double.NaN);
        foreach (var s in signals)
        {
            if (!string.Equals(s.Symbol, atom.AssetId, StringComparison.Ordinal) || !string.Equals(s.Strategy, atom.Logic, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (!indexOf.TryGetValue(s.TimestampUtcMs, out var t))
            {
                throw new TesseraValidationException("signal.timestamp", s.TimestampUtcMs.ToString(System.Globalization.CultureInfo.InvariantCulture), "signal time must be one of the asset's bar times", atom.Key);
            }

            if (s.Side == atom.Direction)
            {
                enterAt[t] = true;
            }
            else
            {
                exitAt[t] = true;
                if (s.Side == Side.Flat && string.Equals(s.Reason, StopReason, StringComparison.Ordinal) && s.StopPrice is { } stop)
                {
                    stopAt[t] = stop;
                }
            }
        }

        var raw = new double[n];
        var inPosition = false;
        var enteredThisBar = false;
        var held = 0;
        for (var t = 1; t < n; t++)
        {
            var pendingEntry = !inPosition && enterAt[t - 1];
            var pendingExit = inPosition && exitAt[t - 1] && double.IsNaN(stopAt[t - 1]);
            if (pendingExit)
            {
                raw[t] = (bars.Open[t] / bars.Close[t - 1]) - 1.0;
                inPosition = false;
                held++;
            }

            if (pendingEntry)
            {
                inPosition = true;
                enteredThisBar = true;
            }

            if (!inPosition)
            {
                continue;
            }

            var reference = enteredThisBar ? bars.Open[t] : bars.Close[t - 1];
            if (!double.IsNaN(stopAt[t]))
            {
                // Stop touched on this bar: fill at the stop, or at the open when the bar gapped through it.
                var fill = atom.Direction == Side.Long ? Math.Min(bars.Open[t], stopAt[t]) : Math.Max(bars.Open[t], stopAt[t]);
                raw[t] = (fill / reference) - 1.0;
                inPosition = false;
            }
            else
            {
                raw[t] = (bars.Close[t] / reference) - 1.0;
            }

            enteredThisBar = false;
            held++;
        }

        var stream = new double[n];
        AtomStream.Normalize(raw, atom.Direction, stream);
        return new SyntheticStream(atom, bars.Timestamps, stream, held);
    }
}
