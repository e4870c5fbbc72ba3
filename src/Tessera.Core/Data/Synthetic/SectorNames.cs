namespace Tessera.Core.Data.Synthetic;

/// <summary>GICS sector names, used as labels for the synthetic sectors.</summary>
public static class SectorNames
{
    public static IReadOnlyList<string> All { get; } =
    [
        "Information Technology",
        "Financials",
        "Health Care",
        "Energy",
        "Industrials",
        "Consumer Discretionary",
        "Consumer Staples",
        "Utilities",
        "Materials",
        "Real Estate",
        "Communication Services",
    ];
}
