namespace Tessera.Core.Meta;

/// <summary>One short sleeve's sign test: the figures it was decided on and the verdict.</summary>
/// <param name="NetExposure">sum of the sleeve's asset weights (must be &lt; 0 before optimization).</param>
/// <param name="BasketCorrelation">Pearson correlation of the sleeve's (out-of-sample) returns with its held-asset basket (must be &lt; 0).</param>
/// <param name="MetaWeight">the sleeve's meta weight (post-optimization test only; must be &gt;= 0).</param>
/// <param name="ContributedExposure">meta weight x net exposure: the short exposure the sleeve brings to the meta (post test; &lt; 0 unless the weight is 0).</param>
public sealed record SignTestRow(string Sleeve, double NetExposure, double BasketCorrelation, double? MetaWeight, double? ContributedExposure, bool Passed, string Reason);

/// <summary>The sign test of every SHORT sleeve at one stage ("pre_optimization" or "post_optimization").</summary>
public sealed record SignTestReport(string Stage, bool Passed, IReadOnlyList<SignTestRow> Rows, IReadOnlyList<string> Failures);

/// <summary>
/// The directional sign test (docs/META.md) on every SHORT sleeve. Before optimization a short sleeve passes when it
/// is net short (sum of asset weights &lt; 0) and its (out-of-sample) return stream moves against the assets it holds: the
/// correlation of r_t with the equal-weighted basket b_t of its held assets is strictly negative. A sleeve whose
/// stream was inverted twice (a short booked as a long) or that holds net long exposure fails, named. After
/// optimization each short sleeve's meta weight must be &gt;= 0 (an optimizer must not turn a short leg into a long
/// one) and, when positive, the exposure it contributes (weight x net exposure) must be &lt; 0. Long sleeves are not
/// tested (they are listed only when the meta has no short sleeve: then the test passes vacuously).
/// </summary>
public static class DirectionalSignTest
{
    public const string PreOptimization = "pre_optimization";
    public const string PostOptimization = "post_optimization";

    public static SignTestReport BeforeOptimization(IReadOnlyList<SleeveStream> sleeves)
    {
        ArgumentNullException.ThrowIfNull(sleeves);
        var rows = new List<SignTestRow>();
        var failures = new List<string>();
        foreach (var s in sleeves)
        {
            if (s.Side != Side.Short)
            {
                continue;
            }

            var net = s.NetExposure;
            var rho = Correlation(s.Returns, s.Basket);
            var reason = net >= 0
                ? $"not net short: net exposure {Format(net)} >= 0"
                : !(rho < 0)
                    ? $"return stream does not move against its held assets: correlation with the basket {Format(rho)} is not < 0"
                    : "passed";
            rows.Add(new SignTestRow(s.Sleeve, net, rho, null, null, reason == "passed", reason));
            if (reason != "passed")
            {
                failures.Add("sleeve " + s.Sleeve + ": " + reason);
            }
        }

        return new SignTestReport(PreOptimization, failures.Count == 0, rows, failures);
    }

    /// <param name="metaWeights">meta weight per sleeve, in the order of <paramref name="sleeves"/>.</param>
    public static SignTestReport AfterOptimization(IReadOnlyList<SleeveStream> sleeves, IReadOnlyList<double> metaWeights)
    {
        ArgumentNullException.ThrowIfNull(sleeves);
        ArgumentNullException.ThrowIfNull(metaWeights);
        if (metaWeights.Count != sleeves.Count)
        {
            throw new Errors.TesseraValidationException("meta_weights", metaWeights.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), "one meta weight per sleeve is required");
        }

        var rows = new List<SignTestRow>();
        var failures = new List<string>();
        for (var i = 0; i < sleeves.Count; i++)
        {
            var s = sleeves[i];
            if (s.Side != Side.Short)
            {
                continue;
            }

            var net = s.NetExposure;
            var w = metaWeights[i];
            var contributed = w * net;
            var rho = Correlation(s.Returns, s.Basket);
            var reason = w < 0
                ? $"meta weight {Format(w)} < 0 turns the short leg long"
                : w > 0 && !(contributed < 0)
                    ? $"contributed exposure {Format(contributed)} is not short"
                    : w == 0 ? "passed (weight 0: sleeve not held)" : "passed";
            var passed = reason.StartsWith("passed", StringComparison.Ordinal);
            rows.Add(new SignTestRow(s.Sleeve, net, rho, w, contributed, passed, reason));
            if (!passed)
            {
                failures.Add("sleeve " + s.Sleeve + ": " + reason);
            }
        }

        return new SignTestReport(PostOptimization, failures.Count == 0, rows, failures);
    }

    /// <summary>Pearson correlation; 0 when either series is constant (then a short sleeve fails: 0 is not &lt; 0).</summary>
    public static double Correlation(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        var n = Math.Min(x.Length, y.Length);
        if (n < 2)
        {
            return 0;
        }

        double mx = 0, my = 0;
        for (var i = 0; i < n; i++)
        {
            mx += x[i];
            my += y[i];
        }

        mx /= n;
        my /= n;
        double sxy = 0, sxx = 0, syy = 0;
        for (var i = 0; i < n; i++)
        {
            var dx = x[i] - mx;
            var dy = y[i] - my;
            sxy += dx * dy;
            sxx += dx * dx;
            syy += dy * dy;
        }

        return sxx <= 0 || syy <= 0 ? 0 : sxy / Math.Sqrt(sxx * syy);
    }

    private static string Format(double v) => v.ToString("0.######", System.Globalization.CultureInfo.InvariantCulture);
}
