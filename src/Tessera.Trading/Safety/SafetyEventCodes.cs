namespace Tessera.Trading.Safety;

/// <summary>The event codes safety emits (the catalogue in Events/ documents them with their fields).</summary>
internal static class SafetyEventCodes
{
    public const string CircuitBreakerHalt = "CIRCUIT_BREAKER_HALT";
    public const string SafetyModeActivated = "SAFETY_MODE_ACTIVATED";
    public const string ManualHalt = "MANUAL_HALT";
    public const string TradingResumed = "TRADING_RESUMED";
    public const string ResumeRefused = "RESUME_REFUSED";
    public const string ExitBeforeClose = "EXIT_BEFORE_CLOSE";
}
