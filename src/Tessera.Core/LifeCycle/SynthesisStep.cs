using System.Globalization;
using Tessera.Core.Data;
using Tessera.Core.Errors;
using Tessera.Core.Portfolio.Synthesis;

namespace Tessera.Core.LifeCycle;

/// <summary>One selected (asset, direction) to synthesize, with the asset's sector.</summary>
public sealed record SynthesisAsset(string Symbol, Side Direction, string Sector);

/// <summary>One atom (asset, logic, direction): its name ("SYMBOL|logic|DIRECTION"), sector and days in position.</summary>
public sealed record SynthesizedAtom(string Atom, string Symbol, string Logic, Side Direction, string Sector, int DaysInPosition);

/// <summary>The atoms kept, their streams on the market calendar (column layout, same order), and the atoms dropped with why.</summary>
public sealed record SynthesisResult(string[] Atoms, double[][] Streams, IReadOnlyList<SynthesizedAtom> Descriptors, IReadOnlyList<string> Dropped);

/// <summary>
/// Step 5 of the atomic life cycle (L3): every selected (asset, direction) becomes one atom per logic, each atom
/// with exactly one logic. The hold logic earns the asset's normalized return every day (LONG r, SHORT
/// -clip(r, upper = 1)); a strategy logic earns it only while the strategy holds a position in the atom's direction
/// (its synthetic stream), aligned to the market calendar with 0 on dates the stream lacks. Atoms whose stream is
/// constant never held a position, have no risk to allocate, and are dropped (recorded). Fewer than
/// <c>minimumAtoms</c> atoms left is a typed error.
/// </summary>
public static class SynthesisStep
{
    /// <summary>The strategy atoms (every logic but hold) of the selected assets, asset by asset, in logic order.</summary>
    public static IReadOnlyList<StrategyAtom> StrategyAtoms(IReadOnlyList<SynthesisAsset> assets, IReadOnlyList<AtomLogic> logics)
    {
        ArgumentNullException.ThrowIfNull(assets);
        ArgumentNullException.ThrowIfNull(logics);
        var atoms = new List<StrategyAtom>();
        foreach (var a in assets)
        {
            foreach (var logic in logics)
            {
                if (!logic.IsHold)
                {
                    atoms.Add(new StrategyAtom(a.Symbol, logic.Name, a.Direction));
                }
            }
        }

        return atoms;
    }

    /// <summary>
    /// Runs the strategy library for <paramref name="atoms"/> over the bars of their assets only (cross-sectional
    /// logics see those assets, in the universe's order).
    /// </summary>
    public static IReadOnlyList<SyntheticStream> SynthesizeStrategies(IReadOnlyList<StrategyAtom> atoms, IReadOnlyList<BarSeries> universe)
    {
        ArgumentNullException.ThrowIfNull(atoms);
        ArgumentNullException.ThrowIfNull(universe);
        if (atoms.Count == 0)
        {
            return [];
        }

        var wanted = new HashSet<string>(StringComparer.Ordinal);
        foreach (var a in atoms)
        {
            wanted.Add(a.AssetId);
        }

        var bars = new List<BarSeries>(wanted.Count);
        foreach (var b in universe)
        {
            if (wanted.Contains(b.Symbol))
            {
                bars.Add(b);
            }
        }

        return new AtomSynthesizer().Synthesize(atoms, bars);
    }

    public static SynthesisResult Run(
        long[] calendar,
        IReadOnlyList<string> symbols,
        IReadOnlyList<double[]> returns,
        IReadOnlyList<SynthesisAsset> assets,
        IReadOnlyList<AtomLogic> logics,
        IReadOnlyList<SyntheticStream> strategyStreams,
        int minimumAtoms)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        ArgumentNullException.ThrowIfNull(symbols);
        ArgumentNullException.ThrowIfNull(returns);
        ArgumentNullException.ThrowIfNull(assets);
        ArgumentNullException.ThrowIfNull(logics);
        ArgumentNullException.ThrowIfNull(strategyStreams);
        var column = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < symbols.Count; i++)
        {
            column[symbols[i]] = i;
        }

        var byKey = new Dictionary<string, SyntheticStream>(StringComparer.Ordinal);
        foreach (var s in strategyStreams)
        {
            byKey[s.Atom.Key] = s;
        }

        var names = new List<string>();
        var streams = new List<double[]>();
        var descriptors = new List<SynthesizedAtom>();
        var dropped = new List<string>();
        foreach (var a in assets)
        {
            foreach (var logic in logics)
            {
                var atom = new StrategyAtom(a.Symbol, logic.Name, a.Direction).Key;
                double[] stream;
                int daysInPosition;
                if (logic.IsHold)
                {
                    if (!column.TryGetValue(a.Symbol, out var j))
                    {
                        throw new TesseraValidationException("synthesis.assets", a.Symbol, "every selected asset must be an asset of the market frame");
                    }

                    var r = returns[j];
                    stream = new double[r.Length];
                    AtomStream.Normalize(r, a.Direction, stream);
                    daysInPosition = r.Length;
                }
                else
                {
                    var synthetic = byKey.TryGetValue(atom, out var s)
                        ? s
                        : throw new TesseraValidationException("synthesis.streams", atom, "every strategy atom needs its synthetic stream");
                    stream = AlignToCalendar(synthetic.Timestamps, synthetic.Returns, calendar);
                    daysInPosition = synthetic.BarsInPosition;
                }

                if (IsConstant(stream))
                {
                    dropped.Add($"{atom}: never in position over the sample (no risk to allocate)");
                    continue;
                }

                names.Add(atom);
                streams.Add(stream);
                descriptors.Add(new SynthesizedAtom(atom, a.Symbol, logic.Name, a.Direction, a.Sector, daysInPosition));
            }
        }

        if (names.Count < minimumAtoms)
        {
            throw new TesseraValidationException("synthesis.atoms", names.Count.ToString(CultureInfo.InvariantCulture), $"fewer than {minimumAtoms} atoms have a position at all");
        }

        return new SynthesisResult([.. names], [.. streams], descriptors, dropped);
    }

    /// <summary>The stream's value on each date of <paramref name="calendar"/> (the return earned on that date); 0 where the stream has none.</summary>
    public static double[] AlignToCalendar(long[] timestamps, double[] returns, long[] calendar)
    {
        ArgumentNullException.ThrowIfNull(timestamps);
        ArgumentNullException.ThrowIfNull(returns);
        ArgumentNullException.ThrowIfNull(calendar);
        if (returns.Length != timestamps.Length)
        {
            throw new TesseraValidationException("returns", returns.Length.ToString(CultureInfo.InvariantCulture), $"one return per timestamp ({timestamps.Length}) is required");
        }

        var byTime = new Dictionary<long, double>(timestamps.Length);
        for (var t = 0; t < timestamps.Length; t++)
        {
            byTime[timestamps[t]] = returns[t];
        }

        var aligned = new double[calendar.Length];
        for (var t = 0; t < calendar.Length; t++)
        {
            aligned[t] = byTime.TryGetValue(calendar[t], out var r) ? r : 0.0;
        }

        return aligned;
    }

    /// <summary>True when every value equals the first (an empty or one-value series is constant).</summary>
    public static bool IsConstant(ReadOnlySpan<double> values)
    {
        for (var t = 1; t < values.Length; t++)
        {
            if (values[t] != values[0])
            {
                return false;
            }
        }

        return true;
    }
}
