namespace Tessera.Core.Contracts;

/// <summary>
/// The findings of one contract pass (L1, L2 or L3 checks). Strict: the first finding that drops an item throws
/// <see cref="ContractViolationException"/> (nothing downstream runs on bad data); lenient: every finding is recorded
/// and the caller decides what to drop. Warnings never throw.
/// </summary>
public sealed class ContractFindings(ContractMode mode)
{
    private readonly List<ContractViolation> _violations = [];

    public ContractMode Mode { get; } = mode;

    public IReadOnlyList<ContractViolation> Violations => _violations;

    /// <summary>True when nothing was recorded.</summary>
    public bool IsClean => _violations.Count == 0;

    public void Add(ContractViolation violation)
    {
        ArgumentNullException.ThrowIfNull(violation);
        if (Mode == ContractMode.Strict && violation.Severity == ViolationSeverity.Dropped)
        {
            throw new ContractViolationException(violation);
        }

        _violations.Add(violation);
    }

    /// <summary>True when any finding about <paramref name="subject"/> dropped it.</summary>
    public bool Dropped(string subject)
    {
        foreach (var v in _violations)
        {
            if (v.Severity == ViolationSeverity.Dropped && string.Equals(v.Subject, subject, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
