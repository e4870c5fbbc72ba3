using System.Globalization;
using Tessera.Alpaca.Model;
using Tessera.Core.Errors;
using Tessera.Core.Sep;
using Tessera.Trading.Sep;

namespace Tessera.Trading.Configuration;

/// <summary>
/// Reads and validates the <c>sep:</c> section (docs/TRADING-CONFIG.md, docs/SEP.md): every field typed and
/// range-checked with the field path in the error, unknown fields refused; defaults are <see cref="SepSettings"/>'s.
/// Read only when the section is present, so a configuration without it keeps its config pin.
/// </summary>
internal static class SepSettingsReader
{
    private const string SymbolRule = "a trading symbol (1-16 characters, A-Z, 0-9, '.', '-')";

    public static SepDeskSettings Read(ConfigSection s)
    {
        var d = new SepSettings();
        var enabled = s.Boolean("enabled", false);
        var instruments = s.TextList("instruments", ["SPY", "QQQ", "IWM", "DIA"], IsSymbol, SymbolRule, 200);
        var timeframeText = s.Text("timeframe", "1Min", t => BarTimeFrame.TryParse(t, out var tf) && tf.Unit is BarTimeFrameUnit.Minute or BarTimeFrameUnit.Hour, "a minute or hour bar timeframe such as 1Min, 5Min, 1Hour");
        var timeframe = BarTimeFrame.Parse(timeframeText, s.FieldPath("timeframe"));
        var cadence = s.Integer("cadence_minutes", 1, 1, 390);
        var k = s.Integer("k", d.K, 1, 200);
        if (k > instruments.Count)
        {
            throw s.Error("k", null, k.ToString(CultureInfo.InvariantCulture), "at most the number of instruments (" + instruments.Count.ToString(CultureInfo.InvariantCulture) + ")");
        }

        var look = s.Integer("look", d.Look, SepMetricsCalculator.MinimumLook, 1000);
        var coherence = s.Number("coherence_min", d.CoherenceMin, 0, 1);
        var stability = s.Number("stability_min", d.StabilityMin, 0, 1);
        var rupture = s.Number("rupture_max", d.RuptureMax, 0, 1);
        var entropy = s.Number("entropy_max", d.EntropyMax, 0, 1);
        var hysteresis = s.Number("hysteresis", d.Hysteresis, 0, 0.5);
        var entryCooldown = s.Number("entry_cooldown_minutes", d.EntryCooldown.TotalMinutes, 0, 1440);
        var exitCooldown = s.Number("exit_cooldown_minutes", d.ExitCooldown.TotalMinutes, 0, 1440);
        var weights = ReadWeights(s.Section("weights"), d.Weights);
        var fill = s.Boolean("fill_to_k", d.FillToK);
        var budget = s.Number("budget_fraction", d.BudgetFraction, 0, 1, minExclusive: true);
        var maxPerPos = s.Number("max_per_pos", d.MaxPerPosition, 0, 1, minExclusive: true);
        var ramp = s.Number("ramp_step", d.RampStep, 0, 1, minExclusive: true);
        var staleText = s.Number("stale_after_minutes", d.StaleAfter.TotalMinutes, 0, 1440, minExclusive: true);
        var stale = TimeSpan.FromMinutes(staleText);
        if (stale <= timeframe.Duration!.Value)
        {
            // A bar completes once per timeframe: a shorter staleness would hold the weights on every tick.
            throw s.Error("stale_after_minutes", null, staleText.ToString("R", CultureInfo.InvariantCulture), "must be longer than one " + timeframeText + " bar");
        }

        s.Close();
        var allocator = new SepSettings
        {
            K = k,
            Look = look,
            CoherenceMin = coherence,
            StabilityMin = stability,
            RuptureMax = rupture,
            EntropyMax = entropy,
            Hysteresis = hysteresis,
            EntryCooldown = TimeSpan.FromMinutes(entryCooldown),
            ExitCooldown = TimeSpan.FromMinutes(exitCooldown),
            Weights = weights,
            FillToK = fill,
            BudgetFraction = budget,
            MaxPerPosition = maxPerPos,
            RampStep = ramp,
            StaleAfter = stale,
        };
        try
        {
            allocator.Validate();
        }
        catch (TesseraValidationException ex)
        {
            throw new TradingConfigurationException(ex.Field, ex.Value, ex.Rule);
        }

        return new SepDeskSettings(enabled, instruments, timeframe, cadence, allocator);
    }

    private static SepWeights ReadWeights(ConfigSection w, SepWeights d)
    {
        var weights = new SepWeights(
            w.Number("coherence", d.Coherence, 0, 1),
            w.Number("stability", d.Stability, 0, 1),
            w.Number("rupture", d.Rupture, 0, 1),
            w.Number("entropy", d.Entropy, 0, 1));
        var sum = weights.Coherence + weights.Stability + weights.Rupture + weights.Entropy;
        if (Math.Abs(sum - 1) > 1e-9)
        {
            throw w.Error("coherence", null, sum.ToString("R", CultureInfo.InvariantCulture), "the four weights (coherence, stability, rupture, entropy) sum to 1");
        }

        w.Close();
        return weights;
    }

    private static bool IsSymbol(string symbol)
    {
        try
        {
            Decisions.TradingSymbol.Validate(symbol, "sep.instruments");
            return true;
        }
        catch (TesseraValidationException)
        {
            return false;
        }
    }
}
