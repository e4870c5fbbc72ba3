using Tessera.Core.Meta;
using Tessera.Orchestrations.LifeCycle;

namespace Tessera.Orchestrations.Meta.Activities;

/// <summary>The sleeve completeness gate (<see cref="SleeveCompletenessGate"/>) over every sleeve's resolution; writes meta/completeness.json.</summary>
public static class CompletenessActivity
{
    public const string Path = "meta/completeness.json";

    public static async Task<GateOutput> RunAsync(CompletenessInput input, LifeCycleServices services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(services);
        var facts = new List<SleeveFacts>(input.Sleeves.Count);
        foreach (var s in input.Sleeves)
        {
            facts.Add(new SleeveFacts(s.Sleeve, s.Side, s.RunId, s.MissingArtifacts, s.Stream is null ? 0 : s.Observations));
        }

        var report = SleeveCompletenessGate.Evaluate(facts, input.AllowSingleSleeve);
        var artifact = await services.Artifacts.WriteJsonAsync(
            input.MetaRunId, Path,
            new CompletenessArtifact(report.Passed, report.AllowSingleSleeve, report.Rows, report.Failures, SleeveRequirements.Atomic, SleeveRequirements.Meta),
            cancellationToken).ConfigureAwait(false);
        return new GateOutput(artifact, report.Passed, report.Failures);
    }
}

/// <summary>The directional sign test of every SHORT sleeve before ensembling; writes directional_sign_test_pre_opt.json.</summary>
public static class SignTestPreActivity
{
    public const string Path = "directional_sign_test_pre_opt.json";

    public static async Task<GateOutput> RunAsync(SleeveStreamsInput input, LifeCycleServices services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(services);
        var streams = await MetaReads.StreamsAsync(services, input.MetaRunId, input.Streams, cancellationToken).ConfigureAwait(false);
        var report = DirectionalSignTest.BeforeOptimization(streams);
        var artifact = await services.Artifacts.WriteJsonAsync(input.MetaRunId, Path, report, cancellationToken).ConfigureAwait(false);
        return new GateOutput(artifact, report.Passed, report.Failures);
    }
}

/// <summary>The directional sign test after the meta optimization; writes directional_sign_test.json.</summary>
public static class SignTestPostActivity
{
    public const string Path = "directional_sign_test.json";

    public static async Task<GateOutput> RunAsync(SignTestPostInput input, LifeCycleServices services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(services);
        var streams = await MetaReads.StreamsAsync(services, input.MetaRunId, input.Streams, cancellationToken).ConfigureAwait(false);
        var optimization = await services.Artifacts.ReadJsonAsync<MetaOptimizationArtifact>(input.MetaRunId, input.Optimization, cancellationToken).ConfigureAwait(false);
        var report = DirectionalSignTest.AfterOptimization(streams, optimization.Weights);
        var artifact = await services.Artifacts.WriteJsonAsync(input.MetaRunId, Path, report, cancellationToken).ConfigureAwait(false);
        return new GateOutput(artifact, report.Passed, report.Failures);
    }
}

/// <summary>Reads of the meta run's own artifacts, hash-checked.</summary>
internal static class MetaReads
{
    public static async Task<IReadOnlyList<SleeveStream>> StreamsAsync(LifeCycleServices services, string metaRunId, IReadOnlyList<Artifacts.ArtifactRecord> records, CancellationToken cancellationToken)
    {
        var streams = new List<SleeveStream>(records.Count);
        foreach (var r in records)
        {
            streams.Add((await services.Artifacts.ReadJsonAsync<SleeveStreamArtifact>(metaRunId, r, cancellationToken).ConfigureAwait(false)).ToStream());
        }

        return streams;
    }
}
