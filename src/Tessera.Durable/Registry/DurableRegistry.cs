using System.Text.Json;
using Tessera.Core.Errors;

namespace Tessera.Durable;

/// <summary>
/// Orchestrators and activities by name, with typed input and output serialized as JSON (System.Text.Json).
/// Names are case-sensitive and unique per kind; the local host and the parity test enumerate them.
/// </summary>
public sealed class DurableRegistry
{
    private readonly Dictionary<string, OrchestratorRegistration> _orchestrators = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ActivityRegistration> _activities = new(StringComparer.Ordinal);

    public DurableRegistry(JsonSerializerOptions? json = null)
    {
        Json = json ?? DurableJson.DefaultOptions;
    }

    public JsonSerializerOptions Json { get; }

    public IReadOnlyList<string> OrchestratorNames => _orchestrators.Keys.Order(StringComparer.Ordinal).ToList();

    public IReadOnlyList<string> ActivityNames => _activities.Keys.Order(StringComparer.Ordinal).ToList();

    /// <summary>An orchestrator that reads its input with <see cref="OrchestrationContext.GetInput{T}"/>.</summary>
    public DurableRegistry AddOrchestrator<TOutput>(string name, Func<OrchestrationContext, Task<TOutput>> orchestrator)
    {
        ArgumentNullException.ThrowIfNull(orchestrator);
        var json = Json;
        return Add(_orchestrators, name, new OrchestratorRegistration(name, async context =>
        {
            // No ConfigureAwait(false): continuations must stay on the orchestration's own scheduler.
            var output = await orchestrator(context);
            return DurableJson.Serialize(output, json);
        }));
    }

    /// <summary>An orchestrator whose typed input is deserialized for it.</summary>
    public DurableRegistry AddOrchestrator<TInput, TOutput>(string name, Func<OrchestrationContext, TInput, Task<TOutput>> orchestrator)
    {
        ArgumentNullException.ThrowIfNull(orchestrator);
        return AddOrchestrator<TOutput>(name, context => orchestrator(context, context.GetInput<TInput>()!));
    }

    public DurableRegistry AddActivity<TInput, TOutput>(string name, Func<TInput, ActivityContext, Task<TOutput>> activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var json = Json;
        return Add(_activities, name, new ActivityRegistration(name, async (input, context) =>
        {
            var typed = DurableJson.Deserialize<TInput>(input, json);
            var output = await activity(typed!, context).ConfigureAwait(false);
            return DurableJson.Serialize(output, json);
        }));
    }

    public DurableRegistry AddActivity<TInput>(string name, Func<TInput, ActivityContext, Task> activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var json = Json;
        return Add(_activities, name, new ActivityRegistration(name, async (input, context) =>
        {
            await activity(DurableJson.Deserialize<TInput>(input, json)!, context).ConfigureAwait(false);
            return null;
        }));
    }

    public bool HasOrchestrator(string name) => _orchestrators.ContainsKey(name);

    public bool HasActivity(string name) => _activities.ContainsKey(name);

    internal OrchestratorRegistration GetOrchestrator(string name) =>
        _orchestrators.TryGetValue(name, out var r) ? r : throw new UnknownOrchestrationNameException("orchestratorName", name, OrchestratorNames);

    internal bool TryGetActivity(string name, out ActivityRegistration registration) =>
        _activities.TryGetValue(name, out registration!);

    private DurableRegistry Add<T>(Dictionary<string, T> map, string name, T registration)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new TesseraValidationException("name", name, "a non-empty registration name");
        }

        if (!map.TryAdd(name, registration))
        {
            throw new TesseraValidationException("name", name, "registered twice");
        }

        return this;
    }
}

/// <summary>Runs the orchestrator and returns its serialized output.</summary>
internal sealed record OrchestratorRegistration(string Name, Func<OrchestrationContext, Task<string?>> Run);

/// <summary>Runs the activity on serialized input and returns its serialized output.</summary>
internal sealed record ActivityRegistration(string Name, Func<string?, ActivityContext, Task<string?>> Run);
