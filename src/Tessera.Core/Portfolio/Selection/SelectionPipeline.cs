using Tessera.Core.Errors;
using Tessera.Core.Portfolio.Clustering;
using Tessera.Core.Portfolio.Estimators;

namespace Tessera.Core.Portfolio.Selection;

/// <summary>
/// Natural selection with the HTR relaxation loop: for each stage in order, run the vetoes
/// (health, liquidity, volatility, predictability), the percentile filter, rank-sum scoring and
/// clustering on raw returns, and stop at the first stage where at least MinCandidates survive
/// across at least MinClusters clusters. Every veto and every keep is recorded with its reason.
/// </summary>
public sealed class SelectionPipeline
{
    public SelectionPipeline(HtrConfig? config = null)
    {
        Config = config ?? new HtrConfig();
    }

    public HtrConfig Config { get; }

    public SelectionResult Run(IReadOnlyList<SelectionCandidate> candidates)
    {
        Validate(candidates);
        var decisions = new List<SelectionDecision>();
        var outcomes = new List<StageOutcome>();
        List<SelectedCandidate> last = [];
        for (var s = 0; s < Config.Stages.Count; s++)
        {
            var stage = Config.Stages[s];
            var selected = RunStage(stage, candidates, decisions);
            var clusters = selected.Select(x => x.Cluster).Distinct().Count();
            var ok = selected.Count >= Config.MinCandidates && clusters >= Math.Min(Config.MinClusters, Config.MinCandidates);
            outcomes.Add(new StageOutcome(stage.Name, selected.Count, clusters, ok));
            decisions.Add(new SelectionDecision(stage.Name, "htr", "*", ok, PortfolioInputValidation.Str(selected.Count) + " candidates in " + PortfolioInputValidation.Str(clusters) + " clusters; need " + PortfolioInputValidation.Str(Config.MinCandidates) + " in " + PortfolioInputValidation.Str(Config.MinClusters) + (ok ? ": stop" : ": relax")));
            last = selected;
            if (ok)
            {
                return new SelectionResult(selected, stage.Name, s, true, "satisfied at stage " + stage.Name, outcomes, decisions);
            }
        }

        var final = Config.Stages[^1].Name;
        return new SelectionResult(last, final, Config.Stages.Count - 1, false, "no stage reached " + PortfolioInputValidation.Str(Config.MinCandidates) + " candidates across " + PortfolioInputValidation.Str(Config.MinClusters) + " clusters; returning the last stage's survivors", outcomes, decisions);
    }

    private List<SelectedCandidate> RunStage(HtrStage stage, IReadOnlyList<SelectionCandidate> candidates, List<SelectionDecision> decisions)
    {
        var filters = new List<ISelectionFilter>
        {
            new HealthFilter(stage.MinHistory, stage.MaxMissingFraction),
            new LiquidityFilter(stage.MinAverageDollarVolume),
            new VolatilityFilter(stage.MinDailyVolatility),
        };
        if (stage.MaxPermutationEntropy is { } pe)
        {
            filters.Add(new PredictabilityFilter(pe, stage.AdmitSerialStructure));
        }

        var survivors = new List<SelectionCandidate>();
        foreach (var c in candidates)
        {
            var kept = true;
            foreach (var f in filters)
            {
                var (keep, reason) = f.Evaluate(c);
                decisions.Add(new SelectionDecision(stage.Name, f.Name, c.Key, keep, reason));
                if (!keep)
                {
                    kept = false;
                    break;
                }
            }

            if (kept)
            {
                survivors.Add(c);
            }
        }

        if (survivors.Count == 0)
        {
            return [];
        }

        var ranker = Config.Ranker ?? new RankSumRanker(Config.Factors);
        var scores = ranker.Score(survivors);
        decisions.Add(new SelectionDecision(stage.Name, "rank", "*", true, PortfolioInputValidation.Str(survivors.Count) + " survivors scored by " + ranker.Name));
        var clusters = Cluster(survivors, decisions, stage.Name);
        var keep2 = new bool[survivors.Count];
        if (stage.Percentile is { } pct)
        {
            ApplyPercentile(survivors, pct, keep2, decisions, stage.Name);
        }
        else
        {
            Array.Fill(keep2, true);
        }

        if (stage.ClusterFloor is { } floor)
        {
            foreach (var label in clusters.Distinct())
            {
                var members = Enumerable.Range(0, survivors.Count).Where(i => clusters[i] == label).OrderByDescending(i => scores[i]).ThenBy(i => survivors[i].Key, StringComparer.Ordinal).Take(floor);
                foreach (var i in members)
                {
                    if (!keep2[i])
                    {
                        keep2[i] = true;
                        decisions.Add(new SelectionDecision(stage.Name, "cluster-floor", survivors[i].Key, true, "re-admitted as one of the best " + PortfolioInputValidation.Str(floor) + " of cluster " + PortfolioInputValidation.Str(label)));
                    }
                }
            }
        }

        var chosen = Enumerable.Range(0, survivors.Count).Where(i => keep2[i]).OrderByDescending(i => scores[i]).ThenBy(i => survivors[i].Key, StringComparer.Ordinal).ToList();
        if (stage.TopByAlpha is { } top)
        {
            foreach (var i in chosen.Skip(top))
            {
                decisions.Add(new SelectionDecision(stage.Name, "alpha-top", survivors[i].Key, false, "score " + PortfolioInputValidation.Str(scores[i]) + " outside the best " + PortfolioInputValidation.Str(top)));
            }

            chosen = chosen.Take(top).ToList();
        }

        var result = new List<SelectedCandidate>();
        foreach (var i in chosen)
        {
            decisions.Add(new SelectionDecision(stage.Name, "selected", survivors[i].Key, true, "rank-sum score " + PortfolioInputValidation.Str(scores[i]) + ", cluster " + PortfolioInputValidation.Str(clusters[i])));
            result.Add(new SelectedCandidate(survivors[i], scores[i], clusters[i]));
        }

        return result;
    }

    private void ApplyPercentile(List<SelectionCandidate> survivors, double pct, bool[] keep, List<SelectionDecision> decisions, string stage)
    {
        foreach (var direction in new[] { Side.Long, Side.Short })
        {
            var members = Enumerable.Range(0, survivors.Count).Where(i => survivors[i].Direction == direction).ToList();
            if (members.Count == 0)
            {
                continue;
            }

            double Value(int i) => survivors[i].Factors.TryGetValue(Config.PercentileFactor, out var v) ? v : throw new TesseraValidationException("factors[" + Config.PercentileFactor + "]", survivors[i].Key, "the percentile factor is missing");
            var ordered = direction == Side.Long
                ? members.OrderByDescending(Value).ThenBy(i => survivors[i].Key, StringComparer.Ordinal).ToList()
                : members.OrderBy(Value).ThenBy(i => survivors[i].Key, StringComparer.Ordinal).ToList();
            var count = Math.Max(1, (int)Math.Ceiling(pct * ordered.Count));
            for (var r = 0; r < ordered.Count; r++)
            {
                var i = ordered[r];
                keep[i] = r < count;
                decisions.Add(new SelectionDecision(stage, "percentile", survivors[i].Key, r < count, Config.PercentileFactor + " " + PortfolioInputValidation.Str(Value(i)) + " rank " + PortfolioInputValidation.Str(r + 1) + "/" + PortfolioInputValidation.Str(ordered.Count) + (direction == Side.Long ? " (descending)" : " (ascending)") + ", keep " + PortfolioInputValidation.Str(count)));
            }
        }
    }

    /// <summary>Cluster labels of the candidates from their raw returns (rows where all are observed).</summary>
    private int[] Cluster(List<SelectionCandidate> survivors, List<SelectionDecision> decisions, string stage)
    {
        var n = survivors.Count;
        var assets = survivors.Select(c => c.AssetId).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var labelsByAsset = new Dictionary<string, int>(StringComparer.Ordinal);
        if (assets.Count < 2)
        {
            foreach (var a in assets)
            {
                labelsByAsset[a] = 0;
            }
        }
        else
        {
            var byAsset = assets.Select(a => survivors.First(c => c.AssetId == a).Returns).ToArray();
            var length = byAsset[0].Length;
            var rows = Enumerable.Range(0, length).Where(t => byAsset.All(col => t < col.Length && double.IsFinite(col[t]))).ToArray();
            var aligned = byAsset.Select(col => rows.Select(t => col[t]).ToArray()).ToArray();
            var usable = rows.Length >= 3 && aligned.All(col => VolatilityFilter.DailyVolatility(col) > 0);
            int[] labels;
            if (!usable)
            {
                labels = new int[assets.Count];
                decisions.Add(new SelectionDecision(stage, "cluster", "*", true, "fewer than 3 common rows or a constant series: one cluster"));
            }
            else
            {
                var tree = HierarchicalClustering.Build(CorrelationDistance.FromCovariance(new SampleCovarianceEstimator().Estimate(aligned)), assets.Count, Linkage.Ward);
                var k = Config.ClusterCount ?? GapStatistic.Choose(aligned, Linkage.Ward, Math.Min(Config.MaxClusters, assets.Count), Config.GapReferenceDraws, Config.Seed).ChosenK;
                labels = tree.Cut(Math.Min(k, assets.Count));
                decisions.Add(new SelectionDecision(stage, "cluster", "*", true, "Ward on correlation distance of raw returns over " + PortfolioInputValidation.Str(rows.Length) + " common rows: K = " + PortfolioInputValidation.Str(k) + (Config.ClusterCount is null ? " (gap statistic)" : " (given)")));
            }

            for (var a = 0; a < assets.Count; a++)
            {
                labelsByAsset[assets[a]] = labels[a];
            }
        }

        var result = new int[n];
        for (var i = 0; i < n; i++)
        {
            result[i] = labelsByAsset[survivors[i].AssetId];
        }

        return result;
    }

    private static void Validate(IReadOnlyList<SelectionCandidate> candidates)
    {
        if (candidates is null || candidates.Count == 0)
        {
            throw new TesseraValidationException("candidates", null, "at least one candidate is required");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var c in candidates)
        {
            if (c.Direction is not (Side.Long or Side.Short))
            {
                throw new TesseraValidationException("candidates[" + c.AssetId + "].direction", c.Direction.ToString(), "a candidate is LONG or SHORT");
            }

            if (!seen.Add(c.Key))
            {
                throw new TesseraValidationException("candidates", c.Key, "candidates must be unique per (asset, direction)");
            }

            foreach (var r in c.Returns)
            {
                if (double.IsInfinity(r))
                {
                    throw new TesseraValidationException("candidates[" + c.Key + "].returns", PortfolioInputValidation.Str(r), "returns must be finite or NaN (missing)");
                }
            }
        }
    }
}
