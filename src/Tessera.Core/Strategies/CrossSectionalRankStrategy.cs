using Tessera.Core.Data;
using Tessera.Core.Determinism;
using Tessera.Core.Errors;
using Tessera.Core.Signals;

namespace Tessera.Core.Strategies;

/// <summary>Top/bottom percentile selection shared by the cross-sectional rankings.</summary>
public sealed record RankSelection(double TopPercentile = 0.1, double BottomPercentile = 0.1, int RebalanceEveryBars = 21, int MinNames = 5)
{
    public void Validate()
    {
        ParameterGuard.InRange(TopPercentile, 0, 0.5, nameof(TopPercentile));
        ParameterGuard.InRange(BottomPercentile, 0, 0.5, nameof(BottomPercentile));
        ParameterGuard.AtLeast(RebalanceEveryBars, 1, nameof(RebalanceEveryBars));
        ParameterGuard.AtLeast(MinNames, 2, nameof(MinNames));
    }

    internal CanonicalParameters AppendTo(CanonicalParameters c) => c
        .Add("top", TopPercentile).Add("bottom", BottomPercentile).Add("rebalance", RebalanceEveryBars).Add("minNames", MinNames);

    /// <summary>Names selected on each side: floor(pct x m), at least 1 when pct &gt; 0.</summary>
    public int Count(double percentile, int names) => percentile <= 0 ? 0 : Math.Max(1, (int)Math.Floor(percentile * names));
}

/// <summary>
/// Cross-sectional ranking over a universe. Dates are the union calendar of all series; a rebalance happens
/// on union dates 0, k, 2k, ... (k = RebalanceEveryBars), so the schedule up to t depends only on dates up to t.
/// At a rebalance every series with a bar on that date and a defined score is ranked (score descending, symbol
/// ordinal on ties); the top percentile gets Long entries, the bottom percentile Short entries (the full target
/// selection is re-emitted at each rebalance), and names that left the selection get Flat exit:rank signals.
/// Strength: 1 - r/(m-1) for longs and -(r/(m-1)) for shorts, r the 0-based rank among m names.
/// <see cref="LatestSignals"/> ranks at the latest union date regardless of the schedule (entries only).
/// </summary>
public abstract class CrossSectionalRankStrategy : IStrategy
{
    protected CrossSectionalRankStrategy(string name, string canonicalParameters, RankSelection selection)
    {
        Name = name;
        CanonicalParameters = canonicalParameters;
        ParametersHash = Sha256Hex.Of(canonicalParameters);
        Selection = selection;
    }

    public string Name { get; }

    public string CanonicalParameters { get; }

    public string ParametersHash { get; }

    public RankSelection Selection { get; }

    /// <summary>Score per bar (higher is better), NaN while undefined; must use bars 0..t only for index t.</summary>
    public abstract double[] Scores(BarSeries bars);

    public IReadOnlyList<Signal> SignalsOverTime(IReadOnlyList<BarSeries> universe) => Evaluate(universe, latestOnly: false);

    public IReadOnlyList<Signal> LatestSignals(IReadOnlyList<BarSeries> universe) => Evaluate(universe, latestOnly: true);

    private List<Signal> Evaluate(IReadOnlyList<BarSeries> universe, bool latestOnly)
    {
        ArgumentNullException.ThrowIfNull(universe);
        CheckUniverse(universe);
        var scores = new double[universe.Count][];
        for (var s = 0; s < universe.Count; s++)
        {
            scores[s] = Scores(universe[s]);
        }

        var dates = TradingCalendar.Union(universe);
        var cursor = new int[universe.Count];
        var row = new int[universe.Count];
        var signals = new List<Signal>();
        var held = new Dictionary<string, Side>(StringComparer.Ordinal);
        var candidates = new List<(double Score, int Series)>(universe.Count);
        for (var d = 0; d < dates.Length; d++)
        {
            var date = dates[d];
            candidates.Clear();
            for (var s = 0; s < universe.Count; s++)
            {
                var ts = universe[s].Timestamps;
                while (cursor[s] < ts.Length && ts[cursor[s]] < date)
                {
                    cursor[s]++;
                }

                row[s] = cursor[s] < ts.Length && ts[cursor[s]] == date ? cursor[s] : -1;
                if (row[s] >= 0 && !double.IsNaN(scores[s][row[s]]))
                {
                    candidates.Add((scores[s][row[s]], s));
                }
            }

            var isRebalance = latestOnly ? d == dates.Length - 1 : d % Selection.RebalanceEveryBars == 0;
            if (!isRebalance || candidates.Count < Selection.MinNames)
            {
                continue;
            }

            candidates.Sort((a, b) =>
            {
                var byScore = b.Score.CompareTo(a.Score);
                return byScore != 0 ? byScore : string.CompareOrdinal(universe[a.Series].Symbol, universe[b.Series].Symbol);
            });
            Emit(universe, candidates, date, held, signals, emitExits: !latestOnly);
        }

        return signals;
    }

    private void Emit(IReadOnlyList<BarSeries> universe, List<(double Score, int Series)> ranked, long date, Dictionary<string, Side> held, List<Signal> signals, bool emitExits)
    {
        var m = ranked.Count;
        var top = Selection.Count(Selection.TopPercentile, m);
        var bottom = Selection.Count(Selection.BottomPercentile, m);
        var now = new Dictionary<string, Side>(StringComparer.Ordinal);
        var entries = new List<Signal>();
        for (var r = 0; r < m; r++)
        {
            var side = r < top ? Side.Long : r >= m - bottom ? Side.Short : Side.Flat;
            if (side == Side.Flat)
            {
                continue;
            }

            var symbol = universe[ranked[r].Series].Symbol;
            var pct = (double)r / (m - 1);
            now[symbol] = side;
            entries.Add(new Signal(date, symbol, side, side == Side.Long ? 1 - pct : -pct, Name, ParametersHash, SignalReasons.Entry));
        }

        if (emitExits)
        {
            foreach (var symbol in held.Keys.Where(k => !now.TryGetValue(k, out var side) || side != held[k]).OrderBy(k => k, StringComparer.Ordinal))
            {
                signals.Add(new Signal(date, symbol, Side.Flat, 0, Name, ParametersHash, SignalReasons.ExitRank));
            }
        }

        signals.AddRange(entries);
        held.Clear();
        foreach (var (symbol, side) in now)
        {
            held[symbol] = side;
        }
    }

    private static void CheckUniverse(IReadOnlyList<BarSeries> universe)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var series in universe)
        {
            if (!seen.Add(series.Symbol))
            {
                throw new TesseraValidationException("universe", series.Symbol, "symbols must be unique in a universe");
            }

            var ts = series.Timestamps;
            for (var i = 1; i < ts.Length; i++)
            {
                if (ts[i] <= ts[i - 1])
                {
                    throw new TesseraValidationException("timestamp", ts[i].ToString(System.Globalization.CultureInfo.InvariantCulture), "bars must be in strictly increasing time order", series.Symbol);
                }
            }
        }
    }
}
