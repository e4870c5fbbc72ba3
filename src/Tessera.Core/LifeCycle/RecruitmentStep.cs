using Tessera.Core.Errors;

namespace Tessera.Core.LifeCycle;

/// <summary>One recruited (asset, direction): the canonical EXCHANGE:SYMBOL, its exchange part and the direction.</summary>
public sealed record RecruitedCandidate(string Symbol, string Exchange, Side Direction);

/// <summary>Recruited candidates in (asset, direction) order and one line per rejected asset.</summary>
public sealed record RecruitmentResult(IReadOnlyList<RecruitedCandidate> Candidates, IReadOnlyList<string> Rejected);

/// <summary>
/// Step 2 of the atomic life cycle: every asset of the market frame with at least <c>minHistoryDays</c> returns
/// becomes one candidate per configured direction (in the given order); the others are rejected with the reason.
/// The exchange is the part of the symbol before ':' (empty when there is none).
/// </summary>
public static class RecruitmentStep
{
    public static RecruitmentResult Run(IReadOnlyList<string> symbols, IReadOnlyList<double[]> returns, int minHistoryDays, IReadOnlyList<Side> directions)
    {
        ArgumentNullException.ThrowIfNull(symbols);
        ArgumentNullException.ThrowIfNull(returns);
        ArgumentNullException.ThrowIfNull(directions);
        if (returns.Count != symbols.Count)
        {
            throw new TesseraValidationException("returns", returns.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), $"one return column per symbol ({symbols.Count}) is required");
        }

        foreach (var d in directions)
        {
            SideText.RequireDirection(d, "recruitment.directions");
        }

        var candidates = new List<RecruitedCandidate>(symbols.Count * directions.Count);
        var rejected = new List<string>();
        for (var i = 0; i < symbols.Count; i++)
        {
            var symbol = symbols[i];
            var history = returns[i].Length;
            if (history < minHistoryDays)
            {
                rejected.Add($"{symbol}: history {history} < min_history_days {minHistoryDays}");
                continue;
            }

            var exchange = ExchangeOf(symbol);
            foreach (var direction in directions)
            {
                candidates.Add(new RecruitedCandidate(symbol, exchange, direction));
            }
        }

        return new RecruitmentResult(candidates, rejected);
    }

    /// <summary>"NYSE:IBM" -> "NYSE"; "IBM" -> "".</summary>
    public static string ExchangeOf(string symbol)
    {
        ArgumentNullException.ThrowIfNull(symbol);
        var colon = symbol.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? string.Empty : symbol[..colon];
    }
}
