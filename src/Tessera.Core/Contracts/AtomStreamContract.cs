using System.Globalization;

namespace Tessera.Core.Contracts;

/// <summary>
/// L3 (strategy synthesis) contract of the quant-platform seed (002, 11.1 and 1 "Synthetic Long Normalization"):
/// an atom is (asset, exactly one logic, direction), named "ASSET|logic|DIRECTION"; a held atom's stream is the
/// asset's return r for LONG and -clip(r, upper = 1) for SHORT, value for value (bit-exact: the one kernel computes
/// it); a gated atom (a strategy logic, in position only some days and filled at the next open, so its entry-day
/// return is open-to-close and cannot be compared with the close-to-close r) must still be finite and never lose
/// more than 100% in one period (stream >= -1), which is what the short inversion with its loss cap guarantees.
/// </summary>
public static class AtomStreamContract
{
    /// <summary>Checks the atom's name: three non-empty parts, the last LONG or SHORT.</summary>
    public static bool CheckName(string atom, ContractFindings findings)
    {
        ArgumentNullException.ThrowIfNull(atom);
        ArgumentNullException.ThrowIfNull(findings);
        var parts = atom.Split('|');
        if (parts.Length == 3 && parts[0].Length > 0 && parts[1].Length > 0 && (parts[2] == "LONG" || parts[2] == "SHORT"))
        {
            return true;
        }

        findings.Add(new ContractViolation(ContractRules.AtomOneLogic, atom, "atom", atom, null, ViolationSeverity.Dropped));
        return false;
    }

    /// <summary>
    /// Checks one atom's stream against its asset's raw returns. <paramref name="held"/>: the atom is in position every
    /// period (the hold logic), so the exact inversion is checked; otherwise only the loss cap and finiteness.
    /// <paramref name="timestamps"/> (UTC ms, same length) locate the first bad value; pass empty to omit.
    /// </summary>
    public static bool Check(string atom, Side direction, bool held, ReadOnlySpan<double> raw, ReadOnlySpan<double> stream, ReadOnlySpan<long> timestamps, ContractFindings findings)
    {
        ArgumentNullException.ThrowIfNull(findings);
        if (stream.Length != raw.Length)
        {
            findings.Add(new ContractViolation(ContractRules.AtomStreamLength, atom, "stream", stream.Length.ToString(CultureInfo.InvariantCulture), null, ViolationSeverity.Dropped));
            return false;
        }

        for (var t = 0; t < stream.Length; t++)
        {
            long? at = timestamps.Length == stream.Length ? timestamps[t] : null;
            var s = stream[t];
            if (!double.IsFinite(s) || s < -1.0)
            {
                findings.Add(new ContractViolation(ContractRules.AtomStreamLossCap, atom, "stream", s.ToString("R", CultureInfo.InvariantCulture), at, ViolationSeverity.Dropped));
                return false;
            }

            if (held && s != SyntheticLong.Normalize(raw[t], direction))
            {
                findings.Add(new ContractViolation(ContractRules.AtomStreamInverted, atom, "stream", s.ToString("R", CultureInfo.InvariantCulture), at, ViolationSeverity.Dropped));
                return false;
            }
        }

        return true;
    }
}
