using System.Globalization;
using System.Text;
using Tessera.Core.Backtest;
using Tessera.Core.Validation;
using Tessera.Orchestrations.Artifacts;
using Tessera.Orchestrations.Universe;

namespace Tessera.Orchestrations.Backtests;

/// <summary>The BacktestRun activities: load the pinned universe and call <see cref="BacktestWork"/>, the CLI's own code.</summary>
public static class BacktestActivities
{
    public static async Task<BacktestComputed> ComputeAsync(BacktestRunInput input, BacktestServices services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(services);
        var loaded = await UniverseLoader.LoadAsync(input.Universe, input.Snapshot, services.Lakehouse, cancellationToken).ConfigureAwait(false);
        var bars = loaded.Bars;
        var request = input.Request;
        IReadOnlyList<BacktestFile> files;
        var headline = new Dictionary<string, string>(StringComparer.Ordinal);
        switch (request.Kind)
        {
            case BacktestKind.Backtest:
                var (strategy, sizer) = BacktestWork.Resolve(request.Strategy, request.Params, request.Preset, sizing: null);
                var options = BacktestWork.DefaultOptions with { Sizer = sizer };
                var outcome = BacktestWork.Backtest(bars, strategy, options, input.Source, null, null, request.Preset);
                foreach (var (k, value) in outcome.Metrics.AsPairs())
                {
                    headline[k] = value.ToString("R", CultureInfo.InvariantCulture);
                }

                headline["order_list_sha256"] = outcome.Result.OrderListHash();
                files = outcome.Files;
                break;
            case BacktestKind.WalkForward:
                var wf = BacktestWork.WalkForward(bars, Strategies(request.Strategy), ParameterGrid.Expand(request.Grid), WalkForwardSplits.DefaultTrain, WalkForwardSplits.DefaultTest, WalkForwardMode.Rolling);
                headline["splits"] = wf.Splits.ToString(CultureInfo.InvariantCulture);
                foreach (var r in wf.Results)
                {
                    headline["mean_sharpe." + r.Strategy] = r.Stability.MeanSharpe.ToString("R", CultureInfo.InvariantCulture);
                }

                files = wf.Files;
                break;
            default:
                var v = BacktestWork.Validate(bars, request.Strategy, ParameterGrid.Expand(request.Grid), request.Method ?? BacktestWork.PurgedKFold, 5, 6, 2, 5, 0.01);
                headline["candidates"] = v.Labels.Count.ToString(CultureInfo.InvariantCulture);
                headline["pbo"] = v.Evaluation.Pbo.ToString("R", CultureInfo.InvariantCulture);
                headline["deflated_sharpe"] = v.Evaluation.DeflatedSharpe.ToString("R", CultureInfo.InvariantCulture);
                files = v.Files;
                break;
        }

        var records = new List<ArtifactRecord>(files.Count);
        foreach (var f in files)
        {
            records.Add(await services.Artifacts.WriteAsync(input.RunId, f.Name, Encoding.UTF8.GetBytes(f.Content), ContentType(f.Name), cancellationToken).ConfigureAwait(false));
        }

        return new BacktestComputed(records, headline);
    }

    public static async Task<BacktestRunOutput> SealAsync(BacktestSealInput input, BacktestServices services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(services);
        var run = input.Run;
        var r = run.Request;
        var manifest = new BacktestManifest(run.RunId, BacktestSteps.Orchestrator, KindName(r.Kind), r.Strategy, r.Params, r.Grid, r.Method, run.Source, run.Snapshot, run.StartedAtUtc, input.Computed.Artifacts) { Preset = r.Preset };
        var record = await services.Artifacts.WriteJsonAsync(run.RunId, "manifest.json", manifest, cancellationToken).ConfigureAwait(false);
        return new BacktestRunOutput(run.RunId, KindName(r.Kind), input.Computed.Artifacts, record, input.Computed.Headline);
    }

    /// <summary>The kind as the API spells it.</summary>
    public static string KindName(BacktestKind kind) => kind switch
    {
        BacktestKind.Backtest => "backtest",
        BacktestKind.WalkForward => "walkforward",
        _ => "validate",
    };

    /// <summary>Walk-forward takes several strategies, comma-separated, like <c>tessera walkforward --strategies</c>.</summary>
    public static string[] Strategies(string strategy) => strategy.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static string ContentType(string name) => Path.GetExtension(name) switch
    {
        ".html" => "text/html; charset=utf-8",
        ".json" => "application/json",
        ".csv" => "text/csv; charset=utf-8",
        _ => "application/octet-stream",
    };
}
