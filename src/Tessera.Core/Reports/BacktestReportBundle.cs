namespace Tessera.Core.Reports;

/// <summary>The files of one backtest report (name -> content): index.html (links the tear sheet and the data files), tearsheet.html, summary.json, trades.csv, equity.csv; hosts write them into the output directory or the run.</summary>
public static class BacktestReportBundle
{
    public static IReadOnlyList<KeyValuePair<string, string>> Build(TearSheetInput input) =>
    [
        new(ReportIndex.FileName, ReportIndex.ForBacktest(input)),
        new("tearsheet.html", TearSheet.Render(input)),
        new("summary.json", BacktestArtifacts.SummaryJson(input)),
        new("trades.csv", BacktestArtifacts.TradesCsv(input.Result.Trades)),
        new("equity.csv", BacktestArtifacts.EquityCsv(input.Result)),
    ];
}
