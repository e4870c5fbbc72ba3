using Tessera.Core.Backtest;
using Tessera.Core.Errors;
using Tessera.Core.Metrics;
using Tessera.Core.Reports;

namespace Tessera.Core.Validation;

/// <summary>Out-of-sample figures of a fixed-weight portfolio held (and rebalanced) after the bar it was chosen on.</summary>
public sealed record PortfolioOutOfSampleResult(WeightsBacktestResult Backtest, MetricsSummary Metrics, double ProbabilisticSharpe, TearSheetInput TearSheet);

/// <summary>
/// For the life cycle report: weights chosen with data up to <c>chosenAtBar</c> (inclusive) are bought at the next
/// open and rebalanced on schedule until the end of the data; nothing before the choice is scored. Reports the usual
/// metrics, PSR against a zero Sharpe and a ready tear-sheet input.
/// </summary>
public static class PortfolioOutOfSample
{
    public static PortfolioOutOfSampleResult Evaluate(MarketData data, double[] weights, int chosenAtBar, WeightsBacktestOptions options, string title = "Out-of-sample portfolio")
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(options);
        if (chosenAtBar < 0 || chosenAtBar >= data.BarCount - 2)
        {
            throw new TesseraValidationException("chosenAtBar", chosenAtBar.ToString(System.Globalization.CultureInfo.InvariantCulture), "must leave at least two out-of-sample bars (data has " + data.BarCount + ")");
        }

        var run = WeightsBacktester.Run(data, [new WeightTarget(chosenAtBar, weights)], options with { StartBar = chosenAtBar, EndBar = null });
        var metrics = MetricsSummary.From(run.Result);
        var returns = run.Result.Returns();
        var psr = SharpeSignificance.Probabilistic(returns);
        var parameters = new List<KeyValuePair<string, string>>();
        for (var s = 0; s < weights.Length; s++)
        {
            if (weights[s] != 0)
            {
                parameters.Add(new(data.Symbols[s], weights[s].ToString("0.######", System.Globalization.CultureInfo.InvariantCulture)));
            }
        }

        var sheet = new TearSheetInput(title, "portfolio-weights", parameters, run.Result, metrics)
        {
            Validation =
            [
                new("psr_vs_zero", psr.ToString("0.####", System.Globalization.CultureInfo.InvariantCulture)),
                new("annual_turnover", run.AnnualTurnover.ToString("0.####", System.Globalization.CultureInfo.InvariantCulture)),
                new("rebalances", run.Rebalances.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ],
        };
        return new PortfolioOutOfSampleResult(run, metrics, psr, sheet);
    }
}
