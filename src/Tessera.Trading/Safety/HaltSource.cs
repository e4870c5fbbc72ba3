namespace Tessera.Trading.Safety;

/// <summary>Who stopped trading. The source decides what a resume needs (SOP-02: a circuit-breaker halt needs an approval the same day).</summary>
public enum HaltSource
{
    /// <summary>The kill switch: `tessera halt` or POST /api/trading/halt.</summary>
    Manual,

    /// <summary>The −3% intraday drawdown from the session's opening equity.</summary>
    CircuitBreaker,

    /// <summary>The stream service's safety mode (heartbeat breach).</summary>
    SafetyMode,
}
