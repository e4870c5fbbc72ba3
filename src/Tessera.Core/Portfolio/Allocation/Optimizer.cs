using System.Text.Json.Serialization;
using Tessera.Core.Errors;

namespace Tessera.Core.Portfolio.Allocation;

/// <summary>
/// One allocation engine: its name in profiles, run artifacts and reports (<see cref="Name"/>, e.g.
/// <c>equal_weight</c>) and its short name on the CLI and in the engines' diagnostics (<see cref="Engine"/>, e.g.
/// <c>ew</c>, = <see cref="IAllocator.Name"/>). The closed set is <see cref="All"/>; each optimizer exists once, so
/// reference equality is value equality. Written as <see cref="Name"/> (its JSON form too).
/// </summary>
[JsonConverter(typeof(VocabularyJsonConverter<Optimizer>))]
public sealed class Optimizer : IVocabulary<Optimizer>
{
    private readonly Func<IAllocator> _create;

    private Optimizer(string name, string engine, Func<IAllocator> create)
    {
        Name = name;
        Engine = engine;
        _create = create;
    }

    public static Optimizer EqualWeight { get; } = new("equal_weight", "ew", static () => new EqualWeightAllocator());

    public static Optimizer InverseVolatility { get; } = new("inverse_volatility", "ivol", static () => new InverseVolatilityAllocator());

    public static Optimizer MinVariance { get; } = new("min_variance", "minvar", static () => new MinimumVarianceAllocator());

    public static Optimizer MaxSharpe { get; } = new("max_sharpe", "maxsharpe", static () => new MaximumSharpeAllocator());

    public static Optimizer Erc { get; } = new("erc", "erc", static () => new RiskBudgetingAllocator());

    public static Optimizer Hrp { get; } = new("hrp", "hrp", static () => new HierarchicalRiskParityAllocator());

    public static Optimizer Herc { get; } = new("herc", "herc", static () => new HierarchicalEqualRiskAllocator());

    /// <summary>Every optimizer, in the CLI's order (ew, ivol, minvar, maxsharpe, erc, hrp, herc).</summary>
    public static IReadOnlyList<Optimizer> All { get; } = [EqualWeight, InverseVolatility, MinVariance, MaxSharpe, Erc, Hrp, Herc];

    /// <summary>The short engine names, in the order of <see cref="All"/>.</summary>
    public static IReadOnlyList<string> EngineNames { get; } = [.. All.Select(o => o.Engine)];

    /// <summary>The profile names, ordinal order (as error messages list them).</summary>
    public static IReadOnlyList<string> Names { get; } = [.. All.Select(o => o.Name).Order(StringComparer.Ordinal)];

    public static string Field => "optimizer";

    /// <summary>The name in profiles, artifacts and reports, e.g. <c>equal_weight</c>.</summary>
    public string Name { get; }

    /// <summary>The engine's short name (CLI <c>--method</c>, <see cref="IAllocator.Name"/>), e.g. <c>ew</c>.</summary>
    public string Engine { get; }

    /// <summary>A new allocation engine with its default settings.</summary>
    public IAllocator CreateAllocator() => _create();

    public override string ToString() => Name;

    /// <summary>By profile name (exact, e.g. <c>min_variance</c>).</summary>
    public static bool TryParse(string? name, out Optimizer optimizer)
    {
        foreach (var o in All)
        {
            if (string.Equals(o.Name, name, StringComparison.Ordinal))
            {
                optimizer = o;
                return true;
            }
        }

        optimizer = EqualWeight;
        return false;
    }

    /// <summary>By profile name; anything else is a typed error naming <paramref name="field"/> and the known names.</summary>
    public static Optimizer Parse(string? text, string field) =>
        TryParse(text, out var o) ? o : throw new TesseraValidationException(field, text, "unknown optimizer; known: " + string.Join(", ", Names));

    /// <summary>By engine short name (the CLI's <c>--method</c>): ew, ivol, minvar, maxsharpe, erc, hrp or herc.</summary>
    public static Optimizer ParseEngine(string? engine, string field = "method")
    {
        foreach (var o in All)
        {
            if (string.Equals(o.Engine, engine, StringComparison.Ordinal))
            {
                return o;
            }
        }

        throw new TesseraValidationException(field, engine, "must be one of " + string.Join(", ", EngineNames));
    }
}
