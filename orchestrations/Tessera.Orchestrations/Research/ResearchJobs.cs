using System.Globalization;
using Tessera.Core.Regime.Hmm;
using Tessera.Orchestrations.Application.Schedules;
using Tessera.Orchestrations.Research.Fundamentals;
using Tessera.Orchestrations.Research.Regime;
using Tessera.Storage.Blobs;
using Tessera.Storage.Lakehouse;
using Tessera.Trading.Events;
using Tessera.Storage.Research;

namespace Tessera.Orchestrations.Research;

/// <summary>
/// What each research timer runs, bound once for both hosts (the Functions timers and <c>tessera serve</c>'s scheduler
/// call <see cref="RunAsync"/> with the job's name): the regime refit (the policy decides whether the persisted model
/// is stale; most runs only say it is current) and SOP-03's weekly fundamentals audit. Returns the line the host logs.
/// </summary>
public static class ResearchJobs
{
    public static async Task<string> RunAsync(string job, IBlobStore blobs, Lakehouse lakehouse, ITradingEventPublisher events, ResearchConfiguration configuration, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(lakehouse);
        ArgumentNullException.ThrowIfNull(configuration);
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        switch (job)
        {
            case ScheduledJobs.RegimeRefitName:
                var settings = configuration.Regime;
                var refit = await new RegimeRefitService(new HmmModelStore(blobs), events).RunAsync(
                    settings,
                    async ct =>
                    {
                        await lakehouse.InitializeAsync(ct).ConfigureAwait(false);
                        var snapshot = await lakehouse.OpenSnapshotAsync(ct).ConfigureAwait(false);
                        return await snapshot.LoadAsync(settings.Symbol, ct).ConfigureAwait(false);
                    },
                    today,
                    force: false,
                    cancellationToken).ConfigureAwait(false);
                return Describe(job, settings.Symbol, refit);
            case ScheduledJobs.WeeklyDataAuditName:
                var audit = await new FundamentalsAuditService(blobs, new RejectedTickersLog(blobs)).RunAsync(today, configuration.Fundamentals.KnownExclusions, cancellationToken).ConfigureAwait(false);
                var r = audit.Report;
                return string.Create(
                    CultureInfo.InvariantCulture,
                    $"{job}: {r.RejectedTickers} of {r.UniverseSize} tickers rejected ({r.RejectedShare:P1}) in {r.Date:yyyy-MM-dd}'s file{(r.Escalate ? ": ESCALATE to the lead quant (above 10 % of the universe)" : string.Empty)}; {r.PersistentTickers.Count} persistent over 3 weeks{(r.PersistentTickers.Count > 0 ? " (" + string.Join(", ", r.PersistentTickers) + ")" : string.Empty)}");
            default:
                throw new ArgumentOutOfRangeException(nameof(job), job, "not a research job");
        }
    }

    public static string Describe(string job, string symbol, RegimeRefitOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        if (outcome.Model is not { } model)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{job}: {symbol} model of {outcome.Previous!.FitDate:yyyy-MM-dd} is current (age {outcome.Decision.AgeDays} d); regime {outcome.Previous.Regime}");
        }

        return string.Create(
            CultureInfo.InvariantCulture,
            $"{job}: {symbol} refitted ({Reason(outcome.Decision.Reason)}) through {model.FitThrough:yyyy-MM-dd} on {model.Observations} returns: regime {model.Regime}; {outcome.Changes.Count} regime change(s) published");
    }

    private static string Reason(RefitReason reason) => reason switch
    {
        RefitReason.NoModel => "no model yet",
        RefitReason.VersionChanged => "model version changed",
        RefitReason.Stale => "stale",
        RefitReason.FitDateInFuture => "fit date in the future",
        _ => "forced",
    };
}
