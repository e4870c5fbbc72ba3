namespace Tessera.Core.Contracts;

/// <summary>Severity of a recorded contract finding.</summary>
public enum ViolationSeverity
{
    /// <summary>Kept, but worth a look (e.g. |r| between 1 and 5).</summary>
    Warning = 0,

    /// <summary>The item (bar, asset, candidate, date) was dropped.</summary>
    Dropped = 1,
}

/// <summary>
/// One finding of a data contract: which rule, on which subject (a symbol or a candidate position), which field
/// and value, at which timestamp (UTC epoch ms) when the rule is about one observation.
/// </summary>
public sealed record ContractViolation(string Rule, string Subject, string Field, string? Value, long? Timestamp, ViolationSeverity Severity);
