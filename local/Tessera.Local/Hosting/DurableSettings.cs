using Tessera.Core.Errors;
using Tessera.Local.Cli;
using Tessera.Local.Durable;

namespace Tessera.Local.Hosting;

/// <summary>
/// The embedded durable runtime's settings from the environment: TESSERA_TASK_HUB (default TesseraHub, the hub
/// host.json names for Azure; every process of one deployment uses the same hub) and TESSERA_DURABLE_TUNING
/// (<c>local</c>, the default: responsive single machine; <c>tests</c>: short leases and visibility timeouts so a
/// killed process's work resumes within seconds, used by the test suite).
/// </summary>
public static class DurableSettings
{
    public const string TaskHubVariable = "TESSERA_TASK_HUB";
    public const string TuningVariable = "TESSERA_DURABLE_TUNING";
    public const string DefaultTaskHub = "TesseraHub";

    public static EmbeddedDurableOptions From(CliContext context, bool runWorker = true)
    {
        ArgumentNullException.ThrowIfNull(context);
        var tuning = context.Env(TuningVariable) switch
        {
            null or "local" => EmbeddedDurableOptions.Local,
            "tests" => EmbeddedDurableOptions.ForTests,
            var other => throw new TesseraValidationException(TuningVariable, other, "must be 'local' or 'tests'"),
        };
        var hub = context.Env(TaskHubVariable) ?? DefaultTaskHub;
        if (hub.Length is < 3 or > 45 || !char.IsAsciiLetter(hub[0]) || !hub.All(char.IsAsciiLetterOrDigit))
        {
            throw new TesseraValidationException(TaskHubVariable, hub, "must be 3-45 letters or digits, starting with a letter");
        }

        return tuning with { TaskHubName = hub, RunWorker = runWorker };
    }
}
