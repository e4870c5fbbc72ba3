using System.Globalization;
using System.Text;
using System.Text.Json;
using Tessera.Core.Validation;

namespace Tessera.Core.Reports;

/// <summary>
/// The per-split folders of a walk-forward: <c>splits/&lt;strategy&gt;/split-NNN/</c> with <c>trades.csv</c> (the
/// split's closed out-of-sample trades, same columns as a backtest's), <c>equity.csv</c> (equity after each test
/// bar, drawdown from the running peak that starts at the initial cash) and <c>summary.json</c> (windows, chosen
/// candidate and its parameters, train and test figures). Relative paths with '/', so the CLI writes them under
/// --out and a backtest run writes them as Blob artifacts under its run. Pure string building.
/// </summary>
public static class WalkForwardSplitArtifacts
{
    public const string Root = "splits";

    /// <summary>Folder of one split: strategy name with anything but [A-Za-z0-9_.-] replaced by '_', split index in 3 digits.</summary>
    public static string Folder(string strategy, int split) =>
        Root + "/" + Slug(strategy) + "/split-" + split.ToString("000", CultureInfo.InvariantCulture);

    /// <summary>The three files of every kept split run of every result (empty when no split runs were kept).</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Files(IReadOnlyList<WalkForwardResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var files = new List<KeyValuePair<string, string>>();
        foreach (var result in results)
        {
            foreach (var run in result.SplitRuns)
            {
                var folder = Folder(result.Strategy, run.Row.Split);
                files.Add(new(folder + "/trades.csv", BacktestArtifacts.TradesCsv(run.Trades)));
                files.Add(new(folder + "/equity.csv", EquityCsv(run)));
                files.Add(new(folder + "/summary.json", SummaryJson(result.Strategy, run)));
            }
        }

        return files;
    }

    public static string EquityCsv(WalkForwardSplitRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var sb = new StringBuilder(32 + (run.Equity.Length * 56));
        sb.Append("time,equity,drawdown\n");
        var peak = run.InitialCash;
        for (var t = 0; t < run.Equity.Length; t++)
        {
            peak = Math.Max(peak, run.Equity[t]);
            sb.Append(BacktestArtifacts.Iso(run.Timestamps[t])).Append(',').Append(BacktestArtifacts.R(run.Equity[t])).Append(',')
                .Append(BacktestArtifacts.R(1 - (run.Equity[t] / peak))).Append('\n');
        }

        return sb.ToString();
    }

    public static string SummaryJson(string strategy, WalkForwardSplitRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var r = run.Row;
        double netPnl = 0;
        foreach (var t in run.Trades)
        {
            netPnl += t.NetPnl;
        }

        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms, new JsonWriterOptions { Indented = true, Encoder = JsonText.Encoder }))
        {
            w.WriteStartObject();
            w.WriteString("strategy", strategy);
            w.WriteNumber("split", r.Split);
            w.WriteString("train_start", BacktestArtifacts.Iso(r.TrainStartUtcMs));
            w.WriteString("train_end", BacktestArtifacts.Iso(r.TrainEndUtcMs));
            w.WriteString("test_start", BacktestArtifacts.Iso(r.TestStartUtcMs));
            w.WriteString("test_end", BacktestArtifacts.Iso(r.TestEndUtcMs));
            w.WriteNumber("test_bars", run.Equity.Length);
            w.WriteString("chosen", r.Chosen);
            w.WriteStartObject("parameters");
            foreach (var p in run.Parameters)
            {
                w.WriteString(p.Key, p.Value);
            }

            w.WriteEndObject();
            w.WriteNumber("initial_cash", run.InitialCash);
            BacktestArtifacts.Number(w, "train_sharpe", r.TrainSharpe);
            BacktestArtifacts.Number(w, "test_sharpe", r.TestSharpe);
            BacktestArtifacts.Number(w, "test_return", r.TestReturn);
            BacktestArtifacts.Number(w, "test_max_drawdown", r.TestMaxDrawdown);
            w.WriteNumber("test_trades", r.TestTrades);
            BacktestArtifacts.Number(w, "test_closed_trades_net_pnl", netPnl);
            BacktestArtifacts.Number(w, "test_final_equity", r.TestFinalEquity);
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(ms.ToArray()) + "\n";
    }

    private static string Slug(string name)
    {
        var sb = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            sb.Append(char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '-' ? c : '_');
        }

        // '.' alone or '..' would be a path step, not a name.
        var slug = sb.ToString().Replace("..", "__", StringComparison.Ordinal).Trim('.');
        return slug.Length == 0 ? "_" : slug;
    }
}
