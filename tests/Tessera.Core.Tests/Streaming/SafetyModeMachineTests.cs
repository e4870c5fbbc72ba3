using Tessera.Core.Errors;
using Tessera.Core.Streaming;
using Xunit;

namespace Tessera.Core.Tests.Streaming;

public sealed class SafetyModeMachineTests
{
    private static readonly DateTimeOffset T0 = new(2024, 3, 13, 14, 30, 0, TimeSpan.Zero);

    [Fact]
    public void A_breach_activates_once_and_blocks_submissions()
    {
        var m = new SafetyModeMachine(SafetyModeSettings.Default);
        Assert.True(m.SubmissionsAllowed);
        Assert.Equal(SafetyTransition.Activated, m.Breach(T0));
        Assert.Equal(SafetyTransition.None, m.Breach(T0.AddSeconds(1)));
        Assert.Equal(SafetyModeState.Active, m.State);
        Assert.False(m.SubmissionsAllowed);
        Assert.Equal(1, m.Activations);
        Assert.Equal(T0, m.EnteredAt);
    }

    [Fact]
    public void Only_a_message_after_a_reconnection_clears_it()
    {
        var m = new SafetyModeMachine(SafetyModeSettings.Default);
        m.Breach(T0);
        Assert.Equal(SafetyTransition.None, m.Message(T0.AddMilliseconds(10)));
        Assert.Equal(SafetyModeState.Active, m.State);
        m.Reconnected();
        Assert.Equal(SafetyTransition.Cleared, m.Message(T0.AddSeconds(5)));
        Assert.Equal(SafetyModeState.Recovering, m.State);
        Assert.False(m.SubmissionsAllowed);
    }

    [Fact]
    public void Submissions_come_back_after_exactly_sixty_clean_seconds()
    {
        var m = new SafetyModeMachine(SafetyModeSettings.Default);
        m.Breach(T0);
        m.Reconnected();
        var cleared = T0.AddSeconds(5);
        m.Message(cleared);
        Assert.Equal(SafetyTransition.None, m.Message(cleared.AddSeconds(30)));
        Assert.Equal(SafetyTransition.None, m.Advance(cleared.AddSeconds(60).AddTicks(-1)));
        Assert.False(m.SubmissionsAllowed);
        Assert.Equal(SafetyTransition.SubmissionsReEnabled, m.Advance(cleared.AddSeconds(60)));
        Assert.True(m.SubmissionsAllowed);
        Assert.Equal(SafetyTransition.None, m.Advance(cleared.AddSeconds(61)));
    }

    [Fact]
    public void A_breach_while_recovering_starts_over()
    {
        var m = new SafetyModeMachine(SafetyModeSettings.Default);
        m.Breach(T0);
        m.Reconnected();
        m.Message(T0.AddSeconds(1));
        Assert.Equal(SafetyTransition.Activated, m.Breach(T0.AddSeconds(30)));
        Assert.Equal(2, m.Activations);
        Assert.Equal(SafetyTransition.None, m.Advance(T0.AddSeconds(200)));
        Assert.Equal(SafetyModeState.Active, m.State);
        m.Reconnected();
        Assert.Equal(SafetyTransition.Cleared, m.Message(T0.AddSeconds(201)));
        Assert.Equal(SafetyTransition.SubmissionsReEnabled, m.Advance(T0.AddSeconds(261)));
    }

    [Fact]
    public void Queued_signals_older_than_thirty_seconds_are_flushed_exactly_thirty_is_kept()
    {
        var q = new SignalQueue<string>(SafetyModeSettings.Default.MaxSignalAge);
        q.Enqueue("c", T0.AddSeconds(31));
        q.Enqueue("a", T0);
        q.Enqueue("b", T0.AddSeconds(10));
        q.Enqueue("b2", T0.AddSeconds(10));
        var fresh = new List<string>();
        Assert.Equal(1, q.Drain(T0.AddSeconds(40), fresh));
        Assert.Equal(["b", "b2", "c"], fresh);
        Assert.Equal(0, q.Count);
        Assert.Equal(1, q.Flushed);
    }

    [Fact]
    public void Settings_are_validated()
    {
        Assert.Equal("clean_reception", Assert.Throws<TesseraValidationException>(() => new SafetyModeSettings(TimeSpan.FromSeconds(-1), TimeSpan.FromSeconds(30))).Field);
        Assert.Equal("max_signal_age", Assert.Throws<TesseraValidationException>(() => new SafetyModeSettings(TimeSpan.FromSeconds(60), TimeSpan.Zero)).Field);
    }
}
