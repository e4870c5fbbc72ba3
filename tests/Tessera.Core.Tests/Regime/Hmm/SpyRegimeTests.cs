using System.Globalization;
using Tessera.Core.Data.Import;
using Tessera.Core.Regime.Hmm;
using Tessera.Testing;
using Xunit;
using Xunit.Abstractions;

namespace Tessera.Core.Tests.Regime.Hmm;

/// <summary>
/// The 3-state HMM on SPY daily log returns 1998–2021 (../shared/data; skipped with a notice without it). The aggregates
/// printed here are the ones docs/REGIME.md publishes (the series itself is test-only data). Run with
/// `dotnet test tests/Tessera.Core.Tests --filter SpyRegimeTests --logger "console;verbosity=detailed"`.
/// </summary>
public sealed class SpyRegimeTests(ITestOutputHelper output)
{
    [SharedDataFact("us-etf-daily-1998-2021.csv")]
    public void Three_regimes_on_SPY_order_by_mean_and_the_bear_state_is_the_volatile_one()
    {
        using var file = File.OpenRead(SharedData.Path_("us-etf-daily-1998-2021.csv"));
        var spy = BarCsvImporter.Import(file, new BarImportOptions { Mode = ImportMode.Lenient, Source = "etf" }).Series.Single(s => s.Symbol == "SPY");
        var returns = new double[spy.Count - 1];
        for (var i = 1; i < spy.Count; i++)
        {
            returns[i - 1] = Math.Log(spy.Close[i] / spy.Close[i - 1]);
        }

        var fit = GaussianHmmFitter.Fit(returns, new HmmFitOptions(States: 3, Restarts: 8, Seed: 42));
        var (path, _) = HmmInference.Viterbi(fit.Parameters, returns);
        var labels = HmmRegimeLabels.For(fit.Parameters);
        var stats = RegimeStatistics.Compute(returns, path, labels);

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"SPY daily log returns {BarSeriesDate(spy.Timestamps[1])}..{BarSeriesDate(spy.Timestamps[^1])}: {returns.Length} observations, log-likelihood {fit.LogLikelihood:F2}, iterations {fit.Iterations}, converged {fit.Converged}"));
        output.WriteLine("| regime | days | time share | mean daily return | daily volatility | annualised volatility | mean spell (days) | state mean | state sd |");
        output.WriteLine("|---|---|---|---|---|---|---|---|---|");
        for (var s = 0; s < stats.Count; s++)
        {
            var r = stats[s];
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {r.Regime} | {r.Days} | {r.TimeShare:P1} | {r.MeanReturn:0.00000} | {r.Volatility:0.00000} | {r.Volatility * Math.Sqrt(252):P1} | {r.MeanSpellDays:F1} | {fit.Parameters.Means[s]:0.00000} | {Math.Sqrt(fit.Parameters.Variances[s]):0.00000} |"));
        }

        output.WriteLine("transition matrix (rows from Bear, Neutral, Bull):");
        for (var i = 0; i < 3; i++)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {fit.Parameters.Transition[i, 0]:F4} {fit.Parameters.Transition[i, 1]:F4} {fit.Parameters.Transition[i, 2]:F4}"));
        }

        Assert.Equal(returns.Length, stats.Sum(s => s.Days));
        Assert.Equal(1.0, stats.Sum(s => s.TimeShare), 12);
        Assert.True(fit.Parameters.Means[0] < fit.Parameters.Means[1] && fit.Parameters.Means[1] < fit.Parameters.Means[2]);

        // Markets fall in turbulence: the lowest-mean state has the highest volatility, and regimes persist (spells of days, not hours).
        Assert.True(Math.Sqrt(fit.Parameters.Variances[0]) > Math.Sqrt(fit.Parameters.Variances[2]));
        Assert.All(stats, s => Assert.True(s.MeanSpellDays > 3, $"{s.Regime} spells last {s.MeanSpellDays:F1} days"));
    }

    private static string BarSeriesDate(long unixMs) => DateTime.UnixEpoch.AddMilliseconds(unixMs).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
