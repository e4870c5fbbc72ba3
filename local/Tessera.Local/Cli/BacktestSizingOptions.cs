using System.CommandLine;
using Spectre.Console;
using Tessera.Core.Backtest.Sizing;
using Tessera.Core.Errors;

namespace Tessera.Local.Cli;

/// <summary>
/// The sizing options of <c>tessera backtest</c>: <c>--sizing fixed|cash|vol|kelly</c> with its numbers, an optional
/// drawdown throttle, and <c>--vix FILE</c> (CBOE daily CSV, e.g. ../shared/data/vix-daily-1990-2026.csv) for the
/// Kelly sizer's VIX taper. None given: null, so a preset's sizing (or the default fixed 5 % of equity) applies.
/// </summary>
public sealed class BacktestSizingOptions
{
    private readonly Option<string?> _method = new("--sizing") { Description = "Position sizing: fixed (fraction of equity, default), cash (fraction of current cash; kobe81: 0.007), vol (volatility target), kelly (fractional Kelly)" };
    private readonly Option<double?> _fraction = new("--fraction") { Description = "fixed/cash: fraction per entry (default 0.05)" };
    private readonly Option<double?> _volTarget = new("--vol-target") { Description = "vol: annualised volatility each position targets (default 0.15)" };
    private readonly Option<double?> _kellyFraction = new("--kelly-fraction") { Description = "kelly: multiple of full Kelly (default 0.25)" };
    private readonly Option<double?> _maxFraction = new("--max-fraction") { Description = "vol/kelly: largest fraction of equity per entry (default 0.1)" };
    private readonly Option<string?> _vix = new("--vix") { Description = "kelly: daily VIX CSV (DATE,...,CLOSE) whose close tapers the size to 0 between VIX 20 and 40" };
    private readonly Option<double?> _ddThreshold = new("--dd-throttle") { Description = "Drawdown from the equity peak above which new entries are cut (e.g. 0.08)" };
    private readonly Option<double?> _ddCut = new("--dd-cut") { Description = "Share of the size removed while throttled (default 0.5)" };

    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        foreach (var o in new Option[] { _method, _fraction, _volTarget, _kellyFraction, _maxFraction, _vix, _ddThreshold, _ddCut })
        {
            command.Options.Add(o);
        }
    }

    /// <summary>The sizing given on the command line, or null when no sizing option was given at all.</summary>
    public SizingSpec? Read(ParseResult parse, CliContext context)
    {
        ArgumentNullException.ThrowIfNull(parse);
        ArgumentNullException.ThrowIfNull(context);
        var method = parse.GetValue(_method);
        var fraction = parse.GetValue(_fraction);
        var volTarget = parse.GetValue(_volTarget);
        var kelly = parse.GetValue(_kellyFraction);
        var max = parse.GetValue(_maxFraction);
        var vixPath = parse.GetValue(_vix);
        var threshold = parse.GetValue(_ddThreshold);
        var cut = parse.GetValue(_ddCut);
        if (method is null && fraction is null && volTarget is null && kelly is null && max is null && vixPath is null && threshold is null && cut is null)
        {
            return null;
        }

        if (cut is not null && threshold is null)
        {
            throw new TesseraValidationException("--dd-cut", cut.Value.ToString("R", System.Globalization.CultureInfo.InvariantCulture), "needs --dd-throttle THRESHOLD");
        }

        var spec = new SizingSpec
        {
            // Options given without --sizing size like the default method (fixed), or kelly when a VIX file is given.
            Method = method is null ? (vixPath is null ? SizingSpec.Fixed : SizingSpec.Kelly) : SizingSpec.ParseMethod(method),
            DrawdownThreshold = threshold,
            Vix = vixPath is null ? null : ReadVix(vixPath),
        };
        spec = spec with
        {
            Fraction = fraction ?? spec.Fraction,
            VolTarget = volTarget ?? spec.VolTarget,
            KellyFraction = kelly ?? spec.KellyFraction,
            MaxFraction = max ?? spec.MaxFraction,
            DrawdownCut = cut ?? spec.DrawdownCut,
        };
        spec.Build(); // validate every number now, naming the option, before any data is loaded
        context.Console.MarkupLine($"[grey]sizing: {TerminalText.Escape(spec.ToString())}[/]");
        return spec;
    }

    private static VixSeries ReadVix(string path)
    {
        if (string.IsNullOrWhiteSpace(path) || !File.Exists(path))
        {
            throw new TesseraValidationException("--vix", path, "must name an existing VIX CSV file (DATE,...,CLOSE)");
        }

        return VixSeries.Parse(File.ReadAllText(path));
    }
}
