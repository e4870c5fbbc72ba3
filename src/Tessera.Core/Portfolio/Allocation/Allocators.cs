using Tessera.Core.Errors;

namespace Tessera.Core.Portfolio.Allocation;

/// <summary>Engine lookup by the short names used on the CLI, in profiles and in reports.</summary>
public static class Allocators
{
    public static IReadOnlyList<string> Names { get; } = ["ew", "ivol", "minvar", "maxsharpe", "erc", "hrp", "herc"];

    public static IAllocator ByName(string name) => name switch
    {
        "ew" => new EqualWeightAllocator(),
        "ivol" => new InverseVolatilityAllocator(),
        "minvar" => new MinimumVarianceAllocator(),
        "maxsharpe" => new MaximumSharpeAllocator(),
        "erc" => new RiskBudgetingAllocator(),
        "hrp" => new HierarchicalRiskParityAllocator(),
        "herc" => new HierarchicalEqualRiskAllocator(),
        _ => throw new TesseraValidationException("method", name, "must be one of ew, ivol, minvar, maxsharpe, erc, hrp, herc"),
    };
}
