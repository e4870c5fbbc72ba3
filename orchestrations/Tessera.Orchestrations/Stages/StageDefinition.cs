using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Schema;
using System.Text.Json.Serialization.Metadata;
using Tessera.Orchestrations.Artifacts;
using Tessera.Orchestrations.LifeCycle;

namespace Tessera.Orchestrations.Stages;

/// <summary>
/// One addressable stage of a workflow: its activity name (what the orchestration schedules and both hosts register),
/// the artifacts it reads and writes (paths under runs/&lt;run_id&gt;/; NAME stands for a sleeve or optimizer), its
/// input and output types, and the function that runs it. <c>tessera stage run</c> calls <see cref="RunAsync"/> on an
/// input file; the orchestrations schedule <see cref="Name"/> with the same input type.
/// </summary>
public sealed class StageDefinition
{
    private readonly Func<object, LifeCycleServices, CancellationToken, Task<object>> _run;

    private StageDefinition(string name, string workflow, string description, Type inputType, Type outputType, IReadOnlyList<string> inputArtifacts, IReadOnlyList<string> outputArtifacts, Func<object, LifeCycleServices, CancellationToken, Task<object>> run)
    {
        Name = name;
        Workflow = workflow;
        Description = description;
        InputType = inputType;
        OutputType = outputType;
        InputArtifacts = inputArtifacts;
        OutputArtifacts = outputArtifacts;
        _run = run;
    }

    public string Name { get; }

    public string Workflow { get; }

    public string Description { get; }

    public Type InputType { get; }

    public Type OutputType { get; }

    public IReadOnlyList<string> InputArtifacts { get; }

    public IReadOnlyList<string> OutputArtifacts { get; }

    public static StageDefinition Of<TIn, TOut>(
        string name, string workflow, string description, IReadOnlyList<string> inputArtifacts, IReadOnlyList<string> outputArtifacts,
        Func<TIn, LifeCycleServices, CancellationToken, Task<TOut>> run)
        where TIn : class
        where TOut : class =>
        new(name, workflow, description, typeof(TIn), typeof(TOut), inputArtifacts, outputArtifacts, async (input, services, ct) => await run((TIn)input, services, ct).ConfigureAwait(false));

    /// <summary>The JSON schema of the stage's input as <c>tessera stage run</c> reads it (snake_case, the artifacts' JSON format).</summary>
    public JsonNode InputSchema()
    {
        var options = new JsonSerializerOptions(ArtifactJson.Options) { TypeInfoResolver = new DefaultJsonTypeInfoResolver() };
        var schema = options.GetJsonSchemaAsNode(InputType, new JsonSchemaExporterOptions { TreatNullObliviousAsNonNullable = true });
        if (schema is JsonObject o)
        {
            o["title"] = Name;
            o["description"] = Description;
        }

        return schema;
    }

    /// <summary>Parses an input document (snake_case JSON) into the stage's input type; bad input is a typed error naming the stage.</summary>
    public object ParseInput(ReadOnlySpan<byte> json, string source)
    {
        try
        {
            return JsonSerializer.Deserialize(json, InputType, StrictInput)
                ?? throw new Tessera.Core.Errors.TesseraValidationException("input", null, "must be a JSON object (stage " + Name + ")", source);
        }
        catch (JsonException ex)
        {
            throw new Tessera.Core.Errors.TesseraValidationException("input", ex.Path, $"does not match the input schema of stage {Name}: {ex.Message}", source);
        }
    }

    /// <summary>The artifacts' JSON format, strict: every constructor parameter without a default is required, non-nullable ones may not be null, unknown fields are refused.</summary>
    private static readonly JsonSerializerOptions StrictInput = new(ArtifactJson.Options)
    {
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
    };

    public Task<object> RunAsync(object input, LifeCycleServices services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        return InputType.IsInstanceOfType(input)
            ? _run(input, services, cancellationToken)
            : throw new ArgumentException($"stage {Name} takes {InputType.Name}", nameof(input));
    }
}
