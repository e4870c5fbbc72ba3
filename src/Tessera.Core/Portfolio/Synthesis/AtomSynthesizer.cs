using Tessera.Core.Data;
using Tessera.Core.Errors;
using Tessera.Core.Strategies;

namespace Tessera.Core.Portfolio.Synthesis;

/// <summary>
/// Builds the synthetic stream of every atom from the strategy library: each distinct logic is
/// created once from the registry and run over the universe (cross-sectional strategies need it
/// whole), then each atom's stream is cut from the signals of its asset.
/// </summary>
public sealed class AtomSynthesizer
{
    private readonly StrategyRegistry _registry;

    public AtomSynthesizer(StrategyRegistry? registry = null)
    {
        _registry = registry ?? StrategyRegistry.Default;
    }

    public IReadOnlyList<SyntheticStream> Synthesize(IReadOnlyList<StrategyAtom> atoms, IReadOnlyList<BarSeries> universe)
    {
        var bySymbol = new Dictionary<string, BarSeries>(StringComparer.Ordinal);
        foreach (var bars in universe)
        {
            if (!bySymbol.TryAdd(bars.Symbol, bars))
            {
                throw new TesseraValidationException("universe", bars.Symbol, "one bar series per symbol");
            }
        }

        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var atom in atoms)
        {
            if (!keys.Add(atom.Key))
            {
                throw new TesseraValidationException("atoms", atom.Key, "atoms must be unique");
            }

            if (!bySymbol.ContainsKey(atom.AssetId))
            {
                throw new TesseraValidationException("atoms", atom.AssetId, "unknown symbol: no bars for the atom's asset");
            }
        }

        var signalsByLogic = new Dictionary<string, IReadOnlyList<Signals.Signal>>(StringComparer.OrdinalIgnoreCase);
        foreach (var logic in atoms.Select(a => a.Logic).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            var strategy = _registry.Create(logic);
            var needed = atoms.Where(a => string.Equals(a.Logic, logic, StringComparison.OrdinalIgnoreCase)).Select(a => a.AssetId).ToHashSet(StringComparer.Ordinal);
            IReadOnlyList<BarSeries> input = strategy is ISeriesStrategy ? universe.Where(b => needed.Contains(b.Symbol)).ToList() : universe;
            signalsByLogic[logic] = strategy.SignalsOverTime(input);
        }

        var result = new List<SyntheticStream>(atoms.Count);
        foreach (var atom in atoms)
        {
            var signals = signalsByLogic[atom.Logic];
            var canonical = atom.Logic;
            var own = signals.Where(s => string.Equals(s.Symbol, atom.AssetId, StringComparison.Ordinal)).ToList();
            if (own.Count > 0)
            {
                canonical = own[0].Strategy;
            }

            var normalized = new StrategyAtom(atom.AssetId, canonical, atom.Direction);
            var stream = AtomStreamBuilder.Build(normalized, bySymbol[atom.AssetId], own);
            result.Add(stream with { Atom = atom });
        }

        return result;
    }
}
