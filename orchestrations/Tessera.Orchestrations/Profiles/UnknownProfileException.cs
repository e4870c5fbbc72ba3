using Tessera.Core.Errors;

namespace Tessera.Orchestrations.Profiles;

/// <summary>The requested profile does not exist; the message lists the profiles that do.</summary>
public sealed class UnknownProfileException(string name, IReadOnlyList<string> available)
    : TesseraValidationException("profile", name, "unknown profile; available profiles: " + (available.Count == 0 ? "(none found)" : string.Join(", ", available)))
{
    public IReadOnlyList<string> Available { get; } = available;
}
