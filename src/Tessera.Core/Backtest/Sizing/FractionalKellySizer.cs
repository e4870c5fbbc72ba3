using Tessera.Core.Errors;

namespace Tessera.Core.Backtest.Sizing;

/// <summary>
/// Fractional Kelly (ALGORITHMS.md "Sizing and risk"): full Kelly f* = mu / sigma^2 of the symbol's trailing daily
/// simple returns (direction-adjusted: a short uses -mu), times the Kelly fraction (0.25), clamped to [0, maxFraction];
/// then scaled linearly to 0 between VIX 20 and 40 (when a VIX close series on the same calendar is given) and between
/// ATR(14)% of the close 1.5% and 4.0%; the share count is capped at 1% of the 20-day average volume.
/// </summary>
public sealed class FractionalKellySizer : IPositionSizer
{
    private readonly double[]? _vixByBar;
    private readonly VixSeries? _vix;

    // The VIX series aligned to the calendar of the last market data seen (one run = one MarketData): computed once per
    // run, swapped as one immutable pair so concurrent runs with the same sizer never see a half-updated cache.
    private Tuple<MarketData, double[]>? _aligned;

    /// <param name="vixByBar">VIX close per calendar bar of the market data (NaN where unknown: no VIX scaling that day).</param>
    public FractionalKellySizer(double kellyFraction = 0.25, int lookback = 60, double maxFraction = 1.0, double[]? vixByBar = null)
    {
        if (!(kellyFraction > 0 && kellyFraction <= 1))
        {
            throw new TesseraValidationException("kellyFraction", kellyFraction.ToString("R"), "must be in (0, 1]");
        }

        if (lookback < 2)
        {
            throw new TesseraValidationException("lookback", lookback.ToString(), "must be >= 2");
        }

        if (!(maxFraction > 0 && maxFraction <= 10))
        {
            throw new TesseraValidationException("maxFraction", maxFraction.ToString("R"), "must be in (0, 10]");
        }

        KellyFraction = kellyFraction;
        Lookback = lookback;
        MaxFraction = maxFraction;
        _vixByBar = vixByBar;
    }

    /// <param name="vix">a daily VIX series (a file or a feed); aligned to each run's calendar with <see cref="VixSeries.AlignTo"/>.</param>
    public FractionalKellySizer(double kellyFraction, int lookback, double maxFraction, VixSeries vix)
        : this(kellyFraction, lookback, maxFraction, vixByBar: null)
    {
        ArgumentNullException.ThrowIfNull(vix);
        _vix = vix;
    }

    /// <summary>True when a VIX series (per bar or dated) tapers the size.</summary>
    public bool HasVix => _vixByBar is not null || _vix is not null;

    public double KellyFraction { get; }

    public int Lookback { get; }

    public double MaxFraction { get; }

    public string Name => "fractional-kelly";

    public string Description => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Name} {KellyFraction:R} lookback {Lookback} max {MaxFraction:R}{(HasVix ? " with VIX taper 20-40" : string.Empty)}");

    /// <summary>1 at or below <paramref name="low"/>, 0 at or above <paramref name="high"/>, linear between.</summary>
    public static double Taper(double x, double low, double high) =>
        x <= low ? 1.0 : x >= high ? 0.0 : (high - x) / (high - low);

    public double Fraction(in SizingRequest request)
    {
        var r = SizingHistory.Returns(request.Data.Close[request.Symbol], request.Bar, Lookback);
        if (r is null)
        {
            return 0;
        }

        var mu = Metrics.PerformanceMetrics.Mean(r) * request.Direction.Sign();
        var sd = Metrics.PerformanceMetrics.SampleStdDev(r);
        if (!(sd > 0) || mu <= 0)
        {
            return 0;
        }

        var f = Math.Min(MaxFraction, KellyFraction * mu / (sd * sd));
        var vixByBar = VixByBar(request.Data);
        if (vixByBar is not null && request.Bar < vixByBar.Length && !double.IsNaN(vixByBar[request.Bar]))
        {
            f *= Taper(vixByBar[request.Bar], 20, 40);
        }

        var atr = SizingHistory.Atr(request.Data, request.Symbol, request.Bar, 14);
        if (!double.IsNaN(atr))
        {
            f *= Taper(atr / request.Price, 0.015, 0.04);
        }

        return f;
    }

    private double[]? VixByBar(MarketData data)
    {
        if (_vix is null)
        {
            return _vixByBar;
        }

        var aligned = _aligned;
        if (aligned is null || !ReferenceEquals(aligned.Item1, data))
        {
            aligned = Tuple.Create(data, _vix.AlignTo(data.Calendar));
            _aligned = aligned;
        }

        return aligned.Item2;
    }

    public double TargetQuantity(in SizingRequest request)
    {
        var q = Fraction(request) * request.Equity / request.Price;
        var adv = SizingHistory.AverageVolume(request.Data.Volume[request.Symbol], request.Bar, 20);
        return double.IsNaN(adv) ? q : Math.Min(q, 0.01 * adv);
    }
}
