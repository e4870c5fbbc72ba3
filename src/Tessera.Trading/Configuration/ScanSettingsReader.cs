using Tessera.Core.Strategies;
using Tessera.Trading.Scan;

namespace Tessera.Trading.Configuration;

/// <summary>Reads and validates the <c>scan:</c> section: times are HH:mm New York, symbols follow the trading grammar, strategies exist in the library.</summary>
internal static class ScanSettingsReader
{
    public static ScanSettings Read(ConfigSection s)
    {
        var d = ScanSettings.Default;
        var times = s.TextList("times", d.Times, t => TimeOnly.TryParseExact(t, "HH:mm", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out _), "must be HH:mm (New York time)", 24);
        ScanSlots.Parse(times);
        var lateness = s.Integer("max_lateness_minutes", d.MaxLatenessMinutes, 1, 120);
        var universe = s.TextList("universe", d.Universe, IsSymbol, "a trading symbol (1-16 characters, A-Z, 0-9, '.', '-')", 500);
        var strategies = s.TextList("strategies", d.Strategies, name => StrategyRegistry.Default.Names.Contains(name, StringComparer.Ordinal), "a strategy of the library: " + string.Join(", ", StrategyRegistry.Default.Names), 8);
        var history = s.Integer("history_sessions", d.HistorySessions, 30, 2000);
        s.Close();
        return new ScanSettings(times, lateness, universe, strategies, history);
    }

    private static bool IsSymbol(string symbol)
    {
        try
        {
            Decisions.TradingSymbol.Validate(symbol, "scan.universe");
            return true;
        }
        catch (Core.Errors.TesseraValidationException)
        {
            return false;
        }
    }
}
