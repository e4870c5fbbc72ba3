namespace Tessera.Core.Reports;

/// <summary>The files of one backtest report (name -> content); hosts write them into the output directory.</summary>
public static class BacktestReportBundle
{
    public static IReadOnlyList<KeyValuePair<string, string>> Build(TearSheetInput input) =>
    [
        new("tearsheet.html", TearSheet.Render(input)),
        new("summary.json", BacktestArtifacts.SummaryJson(input)),
        new("trades.csv", BacktestArtifacts.TradesCsv(input.Result.Trades)),
        new("equity.csv", BacktestArtifacts.EquityCsv(input.Result)),
    ];
}
