using Tessera.Core.Data;
using Tessera.Core.Regime.Hmm;
using Tessera.Trading.Events;
using Tessera.Storage.Research;

namespace Tessera.Orchestrations.Research.Regime;

/// <summary>What a refit run did: the policy's decision, the previous and the new model (null when none was fitted) and the changes published.</summary>
public sealed record RegimeRefitOutcome(RefitDecision Decision, HmmModelRecord? Previous, HmmModelRecord? Model, string? BlobName, IReadOnlyList<RegimeChange> Changes);

/// <summary>
/// The scheduled regime refit (timer RegimeRefit, <c>tessera regime fit</c>): read the latest persisted model, ask the
/// refit policy whether it is stale (or <c>force</c>), fit on the symbol's closes, persist the new model, then publish
/// one REGIME_CHANGED per change since the previous model's last day. Order matters: nothing is persisted unless the
/// fit succeeded (bad data is a typed error before any write), and events go out only after the model is stored, so a
/// failed write never announces a change that the next run would announce again.
/// </summary>
public sealed class RegimeRefitService(HmmModelStore models, ITradingEventPublisher events)
{
    public async Task<RegimeRefitOutcome> RunAsync(RegimeResearchSettings settings, Func<CancellationToken, Task<BarSeries>> loadBars, DateOnly today, bool force, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(loadBars);
        var latest = await models.LatestAsync(settings.Symbol, cancellationToken).ConfigureAwait(false);
        var previous = latest?.Model;
        var decision = settings.Policy.Decide(previous, today);
        if (!decision.Refit && !force)
        {
            return new RegimeRefitOutcome(decision, previous, null, null, []);
        }

        var bars = await loadBars(cancellationToken).ConfigureAwait(false);
        var dates = new DateOnly[bars.Count];
        for (var i = 0; i < dates.Length; i++)
        {
            dates[i] = DateOnly.FromDateTime(BarSeries.ToUtc(bars.Timestamps[i]));
        }

        // A model of another version labels by another definition: its label is no baseline for changes.
        var comparable = previous is not null && string.Equals(previous.Version, HmmModelRecord.CurrentVersion, StringComparison.Ordinal) ? previous : null;
        var result = HmmRegimeRefit.Fit(settings.Symbol, dates, bars.Close, settings.FitOptions, today, comparable, settings.LookbackDays);
        var name = await models.SaveAsync(result.Model, cancellationToken).ConfigureAwait(false);
        foreach (var change in result.Changes)
        {
            events.Publish(ResearchEvents.RegimeChanged(settings.Symbol, change));
        }

        return new RegimeRefitOutcome(decision, previous, result.Model, name, result.Changes);
    }
}
