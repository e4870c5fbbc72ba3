
namespace Tessera.Core.Portfolio.Selection;

/// <summary>
/// One (asset, direction) candidate for selection. Returns are aligned on the run's union calendar
/// with NaN where the asset has no data (the health filter counts those). Factors are raw values
/// (higher = better for LONG; the pipeline reverses them for SHORT).
/// </summary>
public sealed record SelectionCandidate(string AssetId, Side Direction, double[] Returns, double AverageDollarVolume, IReadOnlyDictionary<string, double> Factors)
{
    public string Key => AssetId + ":" + Direction.ToText();
}

/// <summary>One recorded decision: which stage and step, which candidate, kept or vetoed, why.</summary>
public sealed record SelectionDecision(string Stage, string Step, string Candidate, bool Kept, string Reason);
