using Tessera.Core.Sep;
using Tessera.Trading.Decisions;

namespace Tessera.Trading.Sep;

/// <summary>
/// What the live SEP desk keeps between ticks (table <c>sepstate</c>, <see cref="SepStateStore"/>): the last tick it
/// decided, the allocator's memory per instrument (guards, cooldown starts, previous weights), and the approved
/// intents of that tick, written BEFORE they are submitted, so a re-run of the same tick submits the same intents
/// (same client order ids; the order manager's idempotency sends none twice) instead of deciding again.
/// </summary>
public sealed record SepDeskState(string LastTick, IReadOnlyList<string> Instruments, SepAllocatorState Allocator, IReadOnlyList<OrderIntent> Intents, bool ChaseUnfilled)
{
    /// <summary>
    /// The allocator's memory for <paramref name="instruments"/> (the configured set, which may have changed since the
    /// state was written): each instrument known to the state keeps its guard and previous weight; a new one starts
    /// fresh. Previous weights of dropped instruments are dropped (the held weights then sum to less than 1).
    /// </summary>
    public SepAllocatorState For(IReadOnlyList<string> instruments)
    {
        ArgumentNullException.ThrowIfNull(instruments);
        var n = instruments.Count;
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < Instruments.Count; i++)
        {
            index[Instruments[i]] = i;
        }

        var admitted = new bool[n];
        var changed = new DateTimeOffset[n];
        Array.Fill(changed, DateTimeOffset.MinValue);
        var previous = Allocator.Previous;
        double[]? weights = previous is null ? null : new double[n];
        double[]? scores = previous is null ? null : new double[n];
        SepSelection[]? selection = previous is null ? null : new SepSelection[n];
        for (var i = 0; i < n; i++)
        {
            if (!index.TryGetValue(instruments[i], out var j))
            {
                if (scores is not null)
                {
                    scores[i] = double.NaN;
                }

                continue;
            }

            admitted[i] = Allocator.Admitted[j];
            changed[i] = Allocator.ChangedAt[j];
            if (previous is not null)
            {
                weights![i] = previous.Weights[j];
                scores![i] = previous.Scores[j];
                selection![i] = previous.Selection[j];
            }
        }

        var held = previous is null ? null : previous with { Weights = weights!, Scores = scores!, Selection = selection! };
        return new SepAllocatorState(admitted, changed, held);
    }
}
