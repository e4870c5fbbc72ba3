namespace Tessera.Exchange.Trading;

/// <summary>The rules of the simulated account and market (see docs/BROKER.md for every default).</summary>
public sealed record VenueOptions
{
    /// <summary>Seed of everything random: ids, fault decisions, injected corrections.</summary>
    public ulong Seed { get; init; } = 42;

    public decimal StartingCash { get; init; } = 100_000m;

    /// <summary>1 = cash account, 2 = Reg T margin, 4 = day-trading buying power.</summary>
    public decimal Multiplier { get; init; } = 2;

    public bool ShortingEnabled { get; init; } = true;

    public CostModel Costs { get; init; } = new();

    /// <summary>Share of each print's size available to the account's resting orders (partial fills against the tape's volume).</summary>
    public double Participation { get; init; } = 1.0;

    /// <summary>Half-width driver of synthesized quotes (QuoteModel).</summary>
    public double SpreadBps { get; init; } = 0.5;

    /// <summary>Symbols that cannot be sold short, or are hard to borrow (both refuse short sales).</summary>
    public IReadOnlyList<string> NotShortable { get; init; } = [];

    public IReadOnlyList<string> HardToBorrow { get; init; } = [];

    /// <summary>Symbols whose orders must be whole shares.</summary>
    public IReadOnlyList<string> NotFractionable { get; init; } = [];

    /// <summary>Account id (a UUID); default derived from the seed.</summary>
    public Guid? AccountId { get; init; }

    /// <summary>Probability that a replayed trade is followed by a correction / by a cancel-error message (stream realism; matching keeps the original print).</summary>
    public double CorrectionRate { get; init; }

    public double CancelErrorRate { get; init; }
}
