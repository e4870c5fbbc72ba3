namespace Tessera.Core.Streaming;

/// <summary>Where safety mode is.</summary>
public enum SafetyModeState
{
    /// <summary>No safety mode: submissions allowed (the halt flag and kill switch still apply on their own).</summary>
    Normal,

    /// <summary>Entered on a heartbeat breach: the account is being flattened; nothing is submitted.</summary>
    Active,

    /// <summary>Cleared by the first message after a reconnection; submissions wait for the clean-reception period.</summary>
    Recovering,
}

/// <summary>What a step of the machine did (the shell turns these into events: SAFETY_MODE_ACTIVATED, SAFETY_MODE_CLEARED...).</summary>
public enum SafetyTransition
{
    None,
    Activated,
    Cleared,
    SubmissionsReEnabled,
}

/// <summary>
/// SOP-01 as a state machine on a virtual clock. Normal --breach--> Active (the shell flattens once per activation);
/// Active --reconnected, then the first data message--> Recovering (SAFETY_MODE_CLEARED); Recovering --clean reception
/// for 60 s--> Normal (submissions re-enabled; the shell then drains its signal queue, flushing what is older than 30 s).
/// A breach in Recovering goes back to Active (the clean period starts again after the next reconnection). A message
/// in Active that did not follow a reconnection (a late frame on the dropped connection) clears nothing.
/// </summary>
public sealed class SafetyModeMachine(SafetyModeSettings settings)
{
    private bool _reconnectedSinceBreach;

    public SafetyModeSettings Settings { get; } = settings ?? throw new ArgumentNullException(nameof(settings));

    public SafetyModeState State { get; private set; } = SafetyModeState.Normal;

    public DateTimeOffset? EnteredAt { get; private set; }

    public DateTimeOffset? ClearedAt { get; private set; }

    public long Activations { get; private set; }

    /// <summary>A heartbeat breach. Activated when it starts a safety episode (from Normal or Recovering), None when already active.</summary>
    public SafetyTransition Breach(DateTimeOffset at)
    {
        _reconnectedSinceBreach = false;
        if (State == SafetyModeState.Active)
        {
            return SafetyTransition.None;
        }

        State = SafetyModeState.Active;
        EnteredAt = at;
        ClearedAt = null;
        Activations++;
        return SafetyTransition.Activated;
    }

    /// <summary>The stream authenticated again after a drop.</summary>
    public void Reconnected() => _reconnectedSinceBreach = true;

    /// <summary>A data message (trade, quote, bar) received at <paramref name="at"/>.</summary>
    public SafetyTransition Message(DateTimeOffset at)
    {
        if (State == SafetyModeState.Active && _reconnectedSinceBreach)
        {
            State = SafetyModeState.Recovering;
            ClearedAt = at;
            return SafetyTransition.Cleared;
        }

        return Advance(at);
    }

    /// <summary>Moves Recovering to Normal once the clean period has passed (exactly 60 s counts). Call on every tick and message.</summary>
    public SafetyTransition Advance(DateTimeOffset now)
    {
        if (State == SafetyModeState.Recovering && ClearedAt is { } cleared && now - cleared >= Settings.CleanReception)
        {
            State = SafetyModeState.Normal;
            return SafetyTransition.SubmissionsReEnabled;
        }

        return SafetyTransition.None;
    }

    /// <summary>Whether the stream service may submit now (the caller has called <see cref="Advance"/> for this time).</summary>
    public bool SubmissionsAllowed => State == SafetyModeState.Normal;
}
