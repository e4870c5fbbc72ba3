namespace Tessera.Core.Sep;

/// <summary>
/// The admission guards of one instrument with hysteresis and cooldowns, in event time (a backtest passes the bar's
/// time, live trading the clock's): C ≥ min, S ≥ min, R ≤ max, H ≤ max to be admitted; once admitted it stays while
/// each metric is within the hysteresis band past its bound; a drop starts the entry cooldown, an admission the exit
/// cooldown (minimum hold), during which the state does not change.
/// </summary>
public sealed class SepGuards(SepSettings settings)
{
    private bool _admitted;
    private DateTimeOffset _changedAt = DateTimeOffset.MinValue;

    public bool Admitted => _admitted;

    /// <summary>When the state last changed (<see cref="DateTimeOffset.MinValue"/>: never), the start of the running cooldown.</summary>
    public DateTimeOffset ChangedAt => _changedAt;

    /// <summary>Puts back a state read from storage, so a restarted live desk keeps its hysteresis and cooldowns.</summary>
    public void Restore(bool admitted, DateTimeOffset changedAt)
    {
        _admitted = admitted;
        _changedAt = changedAt;
    }

    /// <summary>Whether the metrics pass the entry bounds (no hysteresis).</summary>
    public bool PassesEntry(SepMetrics m) =>
        m.Coherence >= settings.CoherenceMin && m.Stability >= settings.StabilityMin
        && m.Rupture <= settings.RuptureMax && m.Entropy <= settings.EntropyMax;

    /// <summary>Whether the metrics stay within the bounds widened by the hysteresis band.</summary>
    public bool PassesHold(SepMetrics m)
    {
        var h = settings.Hysteresis;
        return m.Coherence >= settings.CoherenceMin - h && m.Stability >= settings.StabilityMin - h
            && m.Rupture <= settings.RuptureMax + h && m.Entropy <= settings.EntropyMax + h;
    }

    /// <summary>Updates the state with the metrics at <paramref name="now"/> (null: no metrics, counts as failing) and returns it.</summary>
    public bool Update(SepMetrics? metrics, DateTimeOffset now)
    {
        if (_admitted)
        {
            if ((metrics is null || !PassesHold(metrics.Value)) && now - _changedAt >= settings.ExitCooldown)
            {
                _admitted = false;
                _changedAt = now;
            }
        }
        else if (metrics is { } m && PassesEntry(m) && (_changedAt == DateTimeOffset.MinValue || now - _changedAt >= settings.EntryCooldown))
        {
            _admitted = true;
            _changedAt = now;
        }

        return _admitted;
    }
}
