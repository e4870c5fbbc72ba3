using Microsoft.Extensions.Logging;

namespace Tessera.Durable.Local;

public sealed class DurableEngineOptions
{
    /// <summary>Prefix of the two tables ({hub}Instances, {hub}History): letters and digits.</summary>
    public string TaskHubName { get; init; } = "Tessera";

    /// <summary>Activities running at the same time across all instances of this engine.</summary>
    public int MaxConcurrentActivities { get; init; } = Math.Max(2, Environment.ProcessorCount * 2);

    /// <summary>Parallel history writes of one batch (a fan-out schedules many steps at once).</summary>
    public int MaxConcurrentStorageWrites { get; init; } = 16;

    /// <summary>How long StopAsync waits for running activities before cancelling them (they re-run after a restart).</summary>
    public TimeSpan ShutdownTimeout { get; init; } = TimeSpan.FromSeconds(30);

    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    public ILoggerFactory? LoggerFactory { get; init; }
}
