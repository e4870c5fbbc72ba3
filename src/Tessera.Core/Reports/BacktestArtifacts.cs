using System.Globalization;
using System.Text;
using System.Text.Json;
using Tessera.Core.Backtest;
using Tessera.Core.Data;
using Tessera.Core.Metrics;

namespace Tessera.Core.Reports;

/// <summary>Content of summary.json, trades.csv and equity.csv (strings; hosts write the files).</summary>
public static class BacktestArtifacts
{
    public static string SummaryJson(TearSheetInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var r = input.Result;
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms, new JsonWriterOptions { Indented = true, Encoder = JsonText.Encoder }))
        {
            w.WriteStartObject();
            w.WriteString("title", input.Title);
            w.WriteString("strategy", input.Strategy);
            w.WriteString("start", r.Timestamps.Length > 0 ? Iso(r.Timestamps[0]) : null);
            w.WriteString("end", r.Timestamps.Length > 0 ? Iso(r.Timestamps[^1]) : null);
            w.WriteNumber("symbols", r.Symbols.Count);
            w.WriteNumber("initial_cash", r.InitialCash);
            w.WriteString("order_list_sha256", r.OrderListHash());
            w.WriteNumber("orders", r.Orders.Count);
            w.WriteNumber("fills", r.Fills.Count);
            w.WriteStartObject("parameters");
            foreach (var p in input.Parameters)
            {
                w.WriteString(p.Key, p.Value);
            }

            w.WriteEndObject();
            w.WriteStartObject("metrics");
            foreach (var m in input.Metrics.AsPairs())
            {
                Number(w, m.Key, m.Value);
            }

            w.WriteEndObject();
            if (input.Validation.Count > 0)
            {
                w.WriteStartObject("validation");
                foreach (var p in input.Validation)
                {
                    w.WriteString(p.Key, p.Value);
                }

                w.WriteEndObject();
            }

            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(ms.ToArray()) + "\n";
    }

    public static string TradesCsv(IReadOnlyList<Trade> trades)
    {
        ArgumentNullException.ThrowIfNull(trades);
        var sb = new StringBuilder(64 + (trades.Count * 120));
        sb.Append("symbol,direction,entry_time,exit_time,entry_bar,exit_bar,quantity,entry_price,exit_price,commission,net_pnl,holding_bars,exit_reason\n");
        foreach (var t in trades)
        {
            sb.Append(Csv(t.Symbol)).Append(',').Append(t.Direction.ToLowerText()).Append(',')
                .Append(Iso(t.EntryTimeUtcMs)).Append(',').Append(Iso(t.ExitTimeUtcMs)).Append(',')
                .Append(t.EntryBar).Append(',').Append(t.ExitBar).Append(',')
                .Append(R(t.Quantity)).Append(',').Append(R(t.EntryPrice)).Append(',').Append(R(t.ExitPrice)).Append(',')
                .Append(R(t.Commission)).Append(',').Append(R(t.NetPnl)).Append(',').Append(t.HoldingBars).Append(',')
                .Append(Csv(t.ExitReason)).Append('\n');
        }

        return sb.ToString();
    }

    public static string EquityCsv(BacktestResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var sb = new StringBuilder(64 + (result.Equity.Length * 80));
        sb.Append("time,equity,cash,gross_exposure,drawdown\n");
        var peak = result.InitialCash;
        for (var t = 0; t < result.Equity.Length; t++)
        {
            peak = Math.Max(peak, result.Equity[t]);
            sb.Append(Iso(result.Timestamps[t])).Append(',').Append(R(result.Equity[t])).Append(',').Append(R(result.Cash[t])).Append(',')
                .Append(R(result.GrossExposure[t])).Append(',').Append(R(1 - (result.Equity[t] / peak))).Append('\n');
        }

        return sb.ToString();
    }

    internal static void Number(Utf8JsonWriter w, string name, double v)
    {
        if (double.IsFinite(v))
        {
            w.WriteNumber(name, v);
        }
        else
        {
            // JSON has no infinity/NaN: write null (e.g. profit factor without losing trades).
            w.WriteNull(name);
        }
    }

    internal static string Iso(long ms) => BarSeries.ToUtc(ms).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    internal static string R(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    internal static string Csv(string s) =>
        s.AsSpan().IndexOfAny(",\"\n\r") < 0 ? s : "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
