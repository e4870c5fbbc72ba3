namespace Tessera.Orchestrations.Profiles;

/// <summary>Optimizer names used in profiles and reports, mapped to the allocation engines' short names (Tessera.Core.Portfolio.Allocation.Allocators).</summary>
public static class OptimizerNames
{
    public static readonly IReadOnlyDictionary<string, string> ToEngine = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["equal_weight"] = "ew",
        ["inverse_volatility"] = "ivol",
        ["min_variance"] = "minvar",
        ["max_sharpe"] = "maxsharpe",
        ["erc"] = "erc",
        ["hrp"] = "hrp",
        ["herc"] = "herc",
    };
}
