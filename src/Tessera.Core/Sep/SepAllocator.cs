namespace Tessera.Core.Sep;

/// <summary>Why an instrument has its weight in an allocation.</summary>
public enum SepSelection : byte
{
    /// <summary>Not selected (weight 0).</summary>
    None,

    /// <summary>Passed its guards and ranked within the top K.</summary>
    Guarded,

    /// <summary>Did not pass its guards; selected to fill the top K (the seed's fill-to-K).</summary>
    Filled,
}

/// <summary>One evaluation's result: weights (normalised scores of the selected, summing to 1 unless nothing is selected), per instrument.</summary>
public sealed record SepAllocation(DateTimeOffset At, double[] Weights, double[] Scores, SepSelection[] Selection, bool HeldStale)
{
    public int SelectedCount
    {
        get
        {
            var n = 0;
            foreach (var s in Selection)
            {
                n += s == SepSelection.None ? 0 : 1;
            }

            return n;
        }
    }
}

/// <summary>
/// What an allocator remembers between evaluations: per instrument whether it is admitted and when that last changed
/// (<see cref="DateTimeOffset.MinValue"/>: never), and the previous allocation (held when the metrics are stale).
/// </summary>
public sealed record SepAllocatorState(bool[] Admitted, DateTimeOffset[] ChangedAt, SepAllocation? Previous);

/// <summary>
/// The SEP Top-K allocator (the seed's allocator-lite): per evaluation (a minute live, a bar in backtests) it updates
/// every instrument's guards, ranks the admitted ones by the weighted score, takes the top K (filling to K with the
/// best-scored others when fewer pass and fill-to-K is on), and publishes their scores normalised as weights. When
/// the metrics are stale it holds the previous weights. Ties rank by instrument index, so results are deterministic.
/// </summary>
public sealed class SepAllocator
{
    private readonly SepSettings _settings;
    private readonly SepGuards[] _guards;
    private readonly int[] _order;
    private readonly bool[] _eligible;
    private readonly double[] _rankKey;
    private readonly Comparison<int> _rank;
    private SepAllocation? _previous;

    public SepAllocator(SepSettings settings, int instruments)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _settings = settings.Validate();
        ArgumentOutOfRangeException.ThrowIfLessThan(instruments, 1);
        _guards = new SepGuards[instruments];
        for (var i = 0; i < instruments; i++)
        {
            _guards[i] = new SepGuards(settings);
        }

        _order = new int[instruments];
        _eligible = new bool[instruments];
        _rankKey = new double[instruments];

        // Admitted first, then by score (descending), then by index: a total order, one delegate for the allocator's life.
        _rank = (a, b) =>
        {
            if (_eligible[a] != _eligible[b])
            {
                return _eligible[a] ? -1 : 1;
            }

            var c = _rankKey[b].CompareTo(_rankKey[a]);
            return c != 0 ? c : a.CompareTo(b);
        };
    }

    public int Instruments => _guards.Length;

    /// <summary>The allocator's memory (guards, cooldown starts, previous allocation): what a live desk persists between ticks.</summary>
    public SepAllocatorState Capture()
    {
        var n = _guards.Length;
        var admitted = new bool[n];
        var changedAt = new DateTimeOffset[n];
        for (var i = 0; i < n; i++)
        {
            admitted[i] = _guards[i].Admitted;
            changedAt[i] = _guards[i].ChangedAt;
        }

        return new SepAllocatorState(admitted, changedAt, _previous);
    }

    /// <summary>Puts back a captured state (same instruments, same order), e.g. after a process restart.</summary>
    public void Restore(SepAllocatorState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var n = _guards.Length;
        if (state.Admitted.Length != n || state.ChangedAt.Length != n || (state.Previous is { } p && p.Weights.Length != n))
        {
            throw new ArgumentException($"the state is for another instrument count than {n}", nameof(state));
        }

        for (var i = 0; i < n; i++)
        {
            _guards[i].Restore(state.Admitted[i], state.ChangedAt[i]);
        }

        _previous = state.Previous;
    }

    /// <param name="now">event time of the evaluation.</param>
    /// <param name="metricsAsOf">when the metrics were computed; older than StaleAfter: the previous weights are held.</param>
    /// <param name="metrics">one entry per instrument; null where the instrument has no metrics (not tradable now).</param>
    public SepAllocation Evaluate(DateTimeOffset now, DateTimeOffset metricsAsOf, ReadOnlySpan<SepMetrics?> metrics)
    {
        if (metrics.Length != _guards.Length)
        {
            throw new ArgumentException($"expected metrics for {_guards.Length} instruments, got {metrics.Length}", nameof(metrics));
        }

        if (now - metricsAsOf > _settings.StaleAfter && _previous is not null)
        {
            return _previous with { At = now, HeldStale = true };
        }

        var n = _guards.Length;
        var scores = new double[n];
        var selection = new SepSelection[n];
        var admittedCount = 0;
        for (var i = 0; i < n; i++)
        {
            var admitted = _guards[i].Update(metrics[i], now);
            scores[i] = metrics[i] is { } m ? m.Score(_settings.Weights) : double.NaN;
            _order[i] = i;
            _eligible[i] = admitted && metrics[i] is not null;
            _rankKey[i] = double.IsNaN(scores[i]) ? double.NegativeInfinity : scores[i];
            admittedCount += _eligible[i] ? 1 : 0;
        }

        Array.Sort(_order, _rank);

        var take = Math.Min(_settings.K, _settings.FillToK ? n : admittedCount);
        double total = 0;
        for (var r = 0; r < take; r++)
        {
            var i = _order[r];
            if (double.IsNaN(scores[i]))
            {
                break; // no metrics: never selected, not even to fill
            }

            selection[i] = r < admittedCount ? SepSelection.Guarded : SepSelection.Filled;
            total += scores[i];
        }

        var weights = new double[n];
        for (var i = 0; i < n; i++)
        {
            if (selection[i] != SepSelection.None)
            {
                weights[i] = total > 0 ? scores[i] / total : 0;
            }
        }

        if (total <= 0)
        {
            // All selected scored zero: equal weights among them (never a division by zero).
            var count = 0;
            foreach (var s in selection)
            {
                count += s == SepSelection.None ? 0 : 1;
            }

            for (var i = 0; i < n; i++)
            {
                weights[i] = selection[i] == SepSelection.None ? 0 : 1.0 / count;
            }
        }

        _previous = new SepAllocation(now, weights, scores, selection, HeldStale: false);
        return _previous;
    }
}
