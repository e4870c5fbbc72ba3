namespace Tessera.Core.Sentiment;

/// <summary>
/// The word lists of the default scorer: finance-specific polarity, written for Tessera (not a copy of a licensed
/// dictionary). Inflections are listed explicitly so matching stays a set lookup.
/// </summary>
public static class FinancialLexicon
{
    public static readonly IReadOnlyList<string> Positive =
    [
        "beat", "beats", "exceeded", "exceeds", "outperform", "outperformed", "outperforms", "upgrade", "upgraded", "upgrades",
        "growth", "grew", "grow", "growing", "record", "strong", "stronger", "strongest", "robust", "profit", "profitable",
        "profitability", "gain", "gains", "gained", "surge", "surged", "surges", "rally", "rallied", "rebound", "rebounded",
        "improve", "improved", "improvement", "improves", "expand", "expanded", "expansion", "raise", "raised", "raises",
        "dividend", "buyback", "repurchase", "accretive", "upbeat", "optimistic", "bullish", "momentum", "win", "wins", "won",
        "approval", "approved", "breakthrough", "innovative", "efficient", "efficiency", "resilient", "tailwind", "tailwinds",
        "boost", "boosted", "boosts", "positive", "favorable", "favourable", "success", "successful", "leading", "leader",
    ];

    public static readonly IReadOnlyList<string> Negative =
    [
        "miss", "missed", "misses", "underperform", "underperformed", "downgrade", "downgraded", "downgrades", "loss", "losses",
        "decline", "declined", "declines", "declining", "weak", "weaker", "weakest", "weakness", "drop", "dropped", "drops",
        "fall", "fell", "falls", "plunge", "plunged", "plunges", "slump", "slumped", "cut", "cuts", "layoff", "layoffs",
        "impairment", "impairments", "writedown", "writedowns", "litigation", "lawsuit", "lawsuits", "investigation", "probe",
        "fraud", "restatement", "restated", "default", "defaulted", "bankruptcy", "bankrupt", "insolvency", "delisting",
        "warning", "warns", "warned", "recall", "recalled", "fined", "penalty", "penalties", "headwind", "headwinds",
        "bearish", "pessimistic", "downturn", "recession", "volatile", "uncertainty", "uncertain", "negative", "adverse",
        "shortfall", "deficit", "dilution", "dilutive", "breach", "suspended", "halted", "resign", "resigned", "resigns",
    ];
}
