using Tessera.Core.Errors;

namespace Tessera.Core.Strategies;

/// <summary>
/// Strategies by name. <see cref="Default"/> knows every built-in strategy with its default parameters;
/// hosts may register more (names are case-insensitive, kept in ordinal order).
/// </summary>
public sealed class StrategyRegistry
{
    private readonly SortedDictionary<string, Func<IStrategy>> _factories = new(StringComparer.OrdinalIgnoreCase);

    public static StrategyRegistry Default { get; } = CreateDefault();

    public IReadOnlyList<string> Names => [.. _factories.Keys];

    public static StrategyRegistry CreateDefault()
    {
        var registry = new StrategyRegistry();
        registry.Register(ConnorsRsi2Strategy.StrategyName, () => new ConnorsRsi2Strategy());
        registry.Register(IbsStrategy.StrategyName, () => new IbsStrategy());
        registry.Register(Rsi2AndIbsStrategy.StrategyName, () => new Rsi2AndIbsStrategy());
        registry.Register(DonchianBreakoutStrategy.StrategyName, () => new DonchianBreakoutStrategy());
        registry.Register(TurtleSoupStrategy.StrategyName, () => new TurtleSoupStrategy());
        registry.Register(TrendRegimeStrategy.StrategyName, () => new TrendRegimeStrategy());
        registry.Register(AdxRegimeStrategy.StrategyName, () => new AdxRegimeStrategy());
        registry.Register(MomentumRankStrategy.StrategyName, () => new MomentumRankStrategy());
        registry.Register(QualityRankStrategy.StrategyName, () => new QualityRankStrategy());
        return registry;
    }

    public void Register(string name, Func<IStrategy> factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new TesseraValidationException("strategy", name, "strategy name must be non-empty");
        }

        if (!_factories.TryAdd(name, factory))
        {
            throw new TesseraValidationException("strategy", name, "a strategy with this name is already registered");
        }
    }

    public bool Contains(string name) => _factories.ContainsKey(name);

    /// <summary>A new instance with default parameters; unknown names raise a validation error listing the known ones.</summary>
    public IStrategy Create(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!_factories.TryGetValue(name.Trim(), out var factory))
        {
            throw new TesseraValidationException("strategy", name, "unknown strategy; known: " + string.Join(", ", _factories.Keys));
        }

        return factory();
    }

    public IReadOnlyList<IStrategy> CreateAll() => [.. _factories.Values.Select(f => f())];
}
