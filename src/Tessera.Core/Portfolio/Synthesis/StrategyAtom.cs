using Tessera.Core.Errors;

namespace Tessera.Core.Portfolio.Synthesis;

/// <summary>
/// The unit the optimizers allocate to: one asset traded by exactly one logic (a strategy of the
/// library, by registry name) in one direction. Key = "ASSET|logic|LONG".
/// </summary>
public sealed record StrategyAtom
{
    public StrategyAtom(string assetId, string logic, Side direction)
    {
        if (string.IsNullOrWhiteSpace(assetId))
        {
            throw new TesseraValidationException("atom.asset", assetId, "an atom needs an asset");
        }

        if (string.IsNullOrWhiteSpace(logic))
        {
            throw new TesseraValidationException("atom.logic", logic, "an atom has exactly one logic (strategy name)");
        }

        if (direction is not (Side.Long or Side.Short))
        {
            throw new TesseraValidationException("atom.direction", direction.ToString(), "an atom is LONG or SHORT");
        }

        AssetId = assetId;
        Logic = logic;
        Direction = direction;
    }

    public string AssetId { get; }

    public string Logic { get; }

    public Side Direction { get; }

    public string Key => AssetId + "|" + Logic + "|" + Direction.ToText();
}

/// <summary>An atom with its synthetic daily return stream, aligned on the asset's bar timestamps.</summary>
public sealed record SyntheticStream(StrategyAtom Atom, long[] Timestamps, double[] Returns, int BarsInPosition);
