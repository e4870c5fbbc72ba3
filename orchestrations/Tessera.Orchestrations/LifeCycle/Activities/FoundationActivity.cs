using Tessera.Core.LifeCycle;
using Tessera.Orchestrations.Universe;

namespace Tessera.Orchestrations.LifeCycle.Activities;

/// <summary>Step 1 (L0): load the universe's bars, fingerprint them, apply the foundation gate (<see cref="FoundationStep"/>), write market/returns.json and market/l0_report.json.</summary>
public static class FoundationActivity
{
    public static async Task<FoundationOutput> RunAsync(StepInput input, LifeCycleServices services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(services);
        var universe = input.Profile.Universe;
        var bars = await UniverseLoader.LoadAsync(universe, input.Snapshot, services.Lakehouse, cancellationToken).ConfigureAwait(false);
        var fingerprint = MarketFingerprint.Of(bars.Bars);
        var frame = FoundationStep.Run(bars.Bars, bars.Metadata);

        var market = await services.Artifacts.WriteJsonAsync(
            input.RunId, "market/returns.json", new MarketArtifact(frame.Timestamps, frame.Symbols, frame.Sectors, frame.Returns, frame.AverageDollarVolume), cancellationToken).ConfigureAwait(false);
        var gate = frame.Gate;
        var report = await services.Artifacts.WriteJsonAsync(
            input.RunId,
            "market/l0_report.json",
            new FoundationReportArtifact(
                universe.Source, input.Snapshot, universe.Seed, fingerprint, bars.Bars.Count, frame.Symbols.Length, gate.UnionCalendarLength, gate.DroppedAssets, gate.DroppedDates, gate.Violations),
            cancellationToken).ConfigureAwait(false);
        return new FoundationOutput(market, report, fingerprint, frame.Symbols.Length, frame.Timestamps.Length, frame.DroppedAssets.Count, frame.Warnings, input.Snapshot);
    }
}
