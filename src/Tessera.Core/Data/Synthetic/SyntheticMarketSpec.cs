using Tessera.Core.Errors;

namespace Tessera.Core.Data.Synthetic;

/// <summary>
/// What to generate: <see cref="Symbols"/> assets over <see cref="Days"/> business days starting at
/// <see cref="Start"/>, fully determined by <see cref="Seed"/>. Defaults give a plausible US-equity-like
/// market; every knob is an init property so tests can make effects large and obvious.
/// </summary>
public sealed record SyntheticMarketSpec(int Symbols, int Days, ulong Seed)
{
    public const int MaxSymbols = 20_000;
    public const int MaxDays = 50_000;

    /// <summary>Number of sectors (1..11); symbols are dealt round-robin into them.</summary>
    public int Sectors { get; init; } = 5;

    /// <summary>First calendar day considered; the first bar is the first weekday on or after it (UTC midnight).</summary>
    public DateTime Start { get; init; } = new(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>Degrees of freedom of the Student-t shocks (fat tails); at least 3 so the variance exists.</summary>
    public int TailDegreesOfFreedom { get; init; } = 5;

    /// <summary>Row-stochastic 3x3 transition matrix indexed by <see cref="MarketRegime"/> (row = from, column = to).</summary>
    public double[,] Transitions { get; init; } = new[,]
    {
        { 0.985, 0.010, 0.005 },
        { 0.010, 0.980, 0.010 },
        { 0.010, 0.020, 0.970 },
    };

    public RegimeParameters Bull { get; init; } = new(0.0006, 0.008);

    public RegimeParameters Neutral { get; init; } = new(0.0001, 0.011);

    public RegimeParameters Bear { get; init; } = new(-0.0008, 0.020);

    /// <summary>Volatility of each sector factor (daily, log).</summary>
    public double SectorVolatility { get; init; } = 0.008;

    /// <summary>Range of idiosyncratic daily volatility; each symbol draws one uniformly.</summary>
    public double IdiosyncraticVolatilityMin { get; init; } = 0.006;

    public double IdiosyncraticVolatilityMax { get; init; } = 0.015;

    public MarketRegime InitialRegime { get; init; } = MarketRegime.Neutral;

    public void Validate()
    {
        if (Symbols is < 1 or > MaxSymbols)
        {
            throw new TesseraValidationException("symbols", Symbols.ToString(), $"must be in 1..{MaxSymbols}");
        }

        if (Days is < 2 or > MaxDays)
        {
            throw new TesseraValidationException("days", Days.ToString(), $"must be in 2..{MaxDays}");
        }

        if (Sectors < 1 || Sectors > SectorNames.All.Count)
        {
            throw new TesseraValidationException("sectors", Sectors.ToString(), $"must be in 1..{SectorNames.All.Count}");
        }

        if (TailDegreesOfFreedom is < 3 or > 200)
        {
            throw new TesseraValidationException("tailDegreesOfFreedom", TailDegreesOfFreedom.ToString(), "must be in 3..200");
        }

        if (Start.Kind != DateTimeKind.Utc)
        {
            throw new TesseraValidationException("start", Start.ToString("O"), "must be a UTC DateTime");
        }

        ValidateTransitions();
        ValidatePositive("sectorVolatility", SectorVolatility, allowZero: true);
        ValidatePositive("idiosyncraticVolatilityMin", IdiosyncraticVolatilityMin, allowZero: true);
        ValidatePositive("idiosyncraticVolatilityMax", IdiosyncraticVolatilityMax, allowZero: true);
        if (IdiosyncraticVolatilityMax < IdiosyncraticVolatilityMin)
        {
            throw new TesseraValidationException("idiosyncraticVolatilityMax", IdiosyncraticVolatilityMax.ToString("R"), "must be >= idiosyncraticVolatilityMin");
        }

        foreach (var (name, p) in new[] { ("bull", Bull), ("neutral", Neutral), ("bear", Bear) })
        {
            ValidatePositive(name + ".volatility", p.Volatility, allowZero: true);
            if (!double.IsFinite(p.Drift) || Math.Abs(p.Drift) > 0.1)
            {
                throw new TesseraValidationException(name + ".drift", p.Drift.ToString("R"), "must be finite with |drift| <= 0.1 per day");
            }
        }
    }

    private void ValidateTransitions()
    {
        if (Transitions is null || Transitions.GetLength(0) != 3 || Transitions.GetLength(1) != 3)
        {
            throw new TesseraValidationException("transitions", null, "must be a 3x3 matrix");
        }

        for (var i = 0; i < 3; i++)
        {
            var sum = 0.0;
            for (var j = 0; j < 3; j++)
            {
                var p = Transitions[i, j];
                if (!double.IsFinite(p) || p < 0)
                {
                    throw new TesseraValidationException($"transitions[{i},{j}]", p.ToString("R"), "probabilities must be finite and >= 0");
                }

                sum += p;
            }

            if (Math.Abs(sum - 1.0) > 1e-9)
            {
                throw new TesseraValidationException($"transitions[{i}]", sum.ToString("R"), "each row must sum to 1");
            }
        }
    }

    private static void ValidatePositive(string field, double value, bool allowZero)
    {
        if (!double.IsFinite(value) || value < 0 || (!allowZero && value == 0) || value > 1)
        {
            throw new TesseraValidationException(field, value.ToString("R"), "must be finite and in [0, 1]");
        }
    }
}
