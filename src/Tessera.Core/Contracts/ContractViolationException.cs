using Tessera.Core.Errors;

namespace Tessera.Core.Contracts;

/// <summary>A strict data contract was broken; carries the full <see cref="ContractViolation"/>.</summary>
public sealed class ContractViolationException : TesseraValidationException
{
    public ContractViolationException(ContractViolation violation)
        : base(violation?.Field ?? "unknown", violation?.Value, violation?.Rule ?? "unspecified", Where(violation))
    {
        Violation = violation!;
    }

    public ContractViolationException()
        : this(new ContractViolation("unspecified", "unknown", "unknown", null, null, ViolationSeverity.Dropped))
    {
    }

    public ContractViolationException(string message)
        : this(new ContractViolation(message, "unknown", "unknown", null, null, ViolationSeverity.Dropped))
    {
    }

    public ContractViolationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Violation = new ContractViolation(message, "unknown", "unknown", null, null, ViolationSeverity.Dropped);
    }

    public ContractViolation Violation { get; }

    private static string? Where(ContractViolation? v) =>
        v is null ? null : v.Timestamp is { } ts ? $"{v.Subject}@{DateTime.UnixEpoch.AddMilliseconds(ts):yyyy-MM-ddTHH:mm:ss.fffZ}" : v.Subject;
}
