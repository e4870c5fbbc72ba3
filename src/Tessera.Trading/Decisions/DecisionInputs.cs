using Tessera.Alpaca.Model;
using Tessera.Core;

namespace Tessera.Trading.Decisions;

/// <summary>What the pipeline decides about: a strategy's signal or a rebalancer's target order.</summary>
public abstract record DecisionInput(string Symbol);

/// <summary>
/// A strategy signal. <see cref="Target"/> is the side the strategy wants to hold: Long = enter (or add to) a long,
/// Short = enter a short, Flat = exit whatever position is held. <see cref="Strength"/> is recorded, not used for size.
/// </summary>
public sealed record TradingSignal(string Symbol, Side Target, string Strategy, DateTimeOffset SignalTime, double? Strength = null)
    : DecisionInput(Symbol);

/// <summary>
/// An order the rebalancer wants (<see cref="Rebalancer"/>): a side and a quantity of shares (fractional only under a
/// fractional_shares profile). The pipeline still decides it through the same gates.
/// </summary>
public sealed record TargetOrder(string Symbol, OrderSide Side, decimal Quantity, string Source)
    : DecisionInput(Symbol);
