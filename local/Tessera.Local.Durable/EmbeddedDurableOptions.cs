using System.Text.RegularExpressions;

namespace Tessera.Local.Durable;

/// <summary>
/// Tuning of the embedded durable runtime. The Azure Storage backend's own defaults are made for a scaled-out cloud
/// app (30 s queue polling, 30 s leases, 5 min message visibility): on one machine they make a run feel stuck and a
/// restart after a crash wait minutes. <see cref="Local"/> is tuned for a responsive single machine,
/// <see cref="ForTests"/> for fast resumption in tests. Azure keeps Azure's defaults (host.json).
/// </summary>
public sealed partial record EmbeddedDurableOptions
{
    /// <summary>3–45 letters or digits, starting with a letter (it names queues, tables and blob containers).</summary>
    public string TaskHubName { get; init; } = "TesseraHub";

    /// <summary>Control-queue partitions. Must be identical for every process on one task hub: instances are hashed onto partitions.</summary>
    public int PartitionCount { get; init; } = 1;

    /// <summary>Upper bound of the backend's back-off when its queues are empty: the worst-case latency of picking up a new message.</summary>
    public TimeSpan MaxQueuePollingInterval { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// How often a worker reads the partition table to renew its partition leases and take free or expired ones.
    /// With the table partition manager (the backend's default) this loop is also the lease renewal.
    /// </summary>
    public TimeSpan LeaseAcquireInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>How long a partition lease lives without renewal: after a SIGKILL another process takes the partition over after at most this long.</summary>
    public TimeSpan LeaseInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Renewal period of blob leases (only the blob partition managers and the app lease use it; kept in step with <see cref="LeaseAcquireInterval"/>).</summary>
    public TimeSpan LeaseRenewInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How long a dequeued control-queue message (orchestration input) stays invisible. A message held by a killed
    /// process comes back after this long. The runtime renews it while an orchestration step runs.
    /// </summary>
    public TimeSpan ControlQueueVisibilityTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long a dequeued activity message stays invisible. An activity of a killed process runs again elsewhere after
    /// this long. The runtime renews it while the activity runs, so long activities are not executed twice.
    /// </summary>
    public TimeSpan WorkItemQueueVisibilityTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How often a client waiting for an instance to finish reads its status (the backend polls every 2 s).</summary>
    public TimeSpan StatusPollingInterval { get; init; } = TimeSpan.FromMilliseconds(25);

    /// <summary>Activities this process runs at once (the backend's own default).</summary>
    public int MaxConcurrentActivities { get; init; } = 10;

    /// <summary>Orchestration steps (replays) this process runs at once (the backend's own default).</summary>
    public int MaxConcurrentOrchestrations { get; init; } = 100;

    /// <summary>false: client only (read-only callers such as a status command): no worker runs and the backend is not started.</summary>
    public bool RunWorker { get; init; } = true;

    /// <summary>Bound of each shutdown step, so disposing never hangs on work that cannot finish.</summary>
    public TimeSpan ShutdownTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// A responsive single machine: new work is picked up within 200 ms; the work of a disposed runtime resumes in the
    /// next one within seconds, that of a killed process within about 30 s (its partition lease expires after 10 s, the
    /// messages it held come back after their 30 s visibility).
    /// </summary>
    public static EmbeddedDurableOptions Local { get; } = new();

    /// <summary>Fast resumption in tests: short leases and visibility timeouts, fast polling, short shutdown.</summary>
    public static EmbeddedDurableOptions ForTests { get; } = new()
    {
        MaxQueuePollingInterval = TimeSpan.FromMilliseconds(100),
        StatusPollingInterval = TimeSpan.FromMilliseconds(25),
        LeaseAcquireInterval = TimeSpan.FromSeconds(1),
        LeaseInterval = TimeSpan.FromSeconds(5),
        LeaseRenewInterval = TimeSpan.FromSeconds(1),
        ControlQueueVisibilityTimeout = TimeSpan.FromSeconds(10),
        WorkItemQueueVisibilityTimeout = TimeSpan.FromSeconds(10),
        ShutdownTimeout = TimeSpan.FromSeconds(5),
    };

    /// <summary>Throws <see cref="ArgumentException"/> for settings the backend would reject late or silently misbehave with.</summary>
    internal static void Validate(EmbeddedDurableOptions options)
    {
        if (!TaskHubNamePattern().IsMatch(options.TaskHubName ?? string.Empty))
        {
            throw new ArgumentException($"Task hub name '{options.TaskHubName}' must be 3-45 letters or digits starting with a letter.", nameof(options));
        }

        // The Azure Storage backend supports 1 to 16 control queues.
        if (options.PartitionCount is < 1 or > 16)
        {
            throw new ArgumentException("PartitionCount must be between 1 and 16.", nameof(options));
        }

        TimeSpan[] durations =
        [
            options.MaxQueuePollingInterval, options.LeaseAcquireInterval, options.LeaseInterval, options.LeaseRenewInterval,
            options.ControlQueueVisibilityTimeout, options.WorkItemQueueVisibilityTimeout, options.ShutdownTimeout, options.StatusPollingInterval,
        ];
        if (durations.Any(duration => duration <= TimeSpan.Zero))
        {
            throw new ArgumentException("Every interval and timeout must be positive.", nameof(options));
        }

        // A lease that expires between two renewals would flap between processes.
        if (options.LeaseInterval <= options.LeaseAcquireInterval * 2)
        {
            throw new ArgumentException("LeaseInterval must be more than twice LeaseAcquireInterval (the lease is renewed once per acquire interval).", nameof(options));
        }

        if (options.MaxConcurrentActivities < 1 || options.MaxConcurrentOrchestrations < 1)
        {
            throw new ArgumentException("Concurrency limits must be at least 1.", nameof(options));
        }
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]{2,44}$")]
    private static partial Regex TaskHubNamePattern();
}
