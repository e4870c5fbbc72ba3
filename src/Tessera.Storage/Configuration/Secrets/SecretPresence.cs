using Tessera.Core.Secrets;

namespace Tessera.Storage.Configuration.Secrets;

/// <summary>Why a secret is needed by the configuration at hand (e.g. "--broker alpaca-paper", "alerts.sms is enabled").</summary>
public sealed record SecretRequirement(string Variable, string Reason);

/// <summary>One secret's presence: whether it is set, where it came from, and whether the configuration needs it. Never its value.</summary>
public sealed record SecretPresenceRow(string Variable, string Purpose, bool Present, string? Origin, string? RequiredBecause)
{
    public bool Missing => RequiredBecause is not null && !Present;
}

/// <summary>
/// The presence report of <c>tessera config check</c>: every catalogued secret plus any other name the configuration
/// requires (an alert channel may name its own secret), each present or absent, required or optional.
/// </summary>
public static class SecretPresence
{
    public static IReadOnlyList<SecretPresenceRow> Evaluate(ResolvedEnvironment resolved, IEnumerable<SecretRequirement> requirements)
    {
        ArgumentNullException.ThrowIfNull(resolved);
        ArgumentNullException.ThrowIfNull(requirements);
        var reasons = requirements
            .GroupBy(r => r.Variable, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => string.Join("; ", g.Select(r => r.Reason).Distinct(StringComparer.Ordinal)), StringComparer.Ordinal);
        var rows = new List<SecretPresenceRow>();
        var purposes = TesseraSecrets.All.ToDictionary(s => s.Variable, s => s.Purpose, StringComparer.Ordinal);
        var names = TesseraSecrets.All.Select(s => s.Variable).Concat(reasons.Keys.Where(k => !purposes.ContainsKey(k)).Order(StringComparer.Ordinal));
        foreach (var name in names)
        {
            var present = resolved.Get(name) is not null;
            rows.Add(new SecretPresenceRow(
                name,
                purposes.GetValueOrDefault(name) ?? "secret named by the configuration",
                present,
                present ? resolved.Describe(name) ?? "environment" : null,
                reasons.GetValueOrDefault(name)));
        }

        return rows;
    }
}
