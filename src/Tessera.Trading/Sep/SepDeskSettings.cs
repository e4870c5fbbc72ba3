using Tessera.Alpaca.Model;
using Tessera.Core.Sep;

namespace Tessera.Trading.Sep;

/// <summary>
/// The live SEP desk (the <c>sep:</c> section of config/trading.yaml, docs/SEP.md "Live"): whether the minute timers
/// trade it, the instrument set, the bar timeframe the metrics read, how often a tick evaluates (every
/// <see cref="CadenceMinutes"/> minutes of the New York clock), and the allocator's parameters. The margin gate is not
/// here: it is the trading profile's <c>margin_budget_fraction</c>, applied by the order path.
/// </summary>
public sealed record SepDeskSettings(bool Enabled, IReadOnlyList<string> Instruments, BarTimeFrame TimeFrame, int CadenceMinutes, SepSettings Allocator)
{
    /// <summary>The strategy/source name decisions carry in the ledger and the canonical decision text.</summary>
    public const string Source = "sep";
}
