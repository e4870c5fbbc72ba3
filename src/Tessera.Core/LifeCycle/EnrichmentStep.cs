using Tessera.Core.Errors;

namespace Tessera.Core.LifeCycle;

/// <summary>Step 4 of the atomic life cycle: the sector of every selected asset, from the market frame.</summary>
public static class EnrichmentStep
{
    /// <summary>The sector of each of <paramref name="selected"/>, looked up among the frame's symbols and sectors.</summary>
    public static string[] Sectors(IReadOnlyList<string> symbols, IReadOnlyList<string> sectors, IReadOnlyList<string> selected)
    {
        ArgumentNullException.ThrowIfNull(symbols);
        ArgumentNullException.ThrowIfNull(sectors);
        ArgumentNullException.ThrowIfNull(selected);
        if (sectors.Count != symbols.Count)
        {
            throw new TesseraValidationException("sectors", sectors.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), $"one sector per symbol ({symbols.Count}) is required");
        }

        var sectorOf = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < symbols.Count; i++)
        {
            sectorOf[symbols[i]] = sectors[i];
        }

        var result = new string[selected.Count];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = sectorOf.TryGetValue(selected[i], out var sector)
                ? sector
                : throw new TesseraValidationException("enrichment.symbol", selected[i], "every selected asset must be an asset of the market frame");
        }

        return result;
    }
}
