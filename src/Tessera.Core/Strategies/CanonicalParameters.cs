using System.Globalization;
using System.Text;
using Tessera.Core.Errors;

namespace Tessera.Core.Strategies;

/// <summary>
/// Builds the canonical parameter string <c>name(key=value;key=value)</c> that is hashed into
/// <see cref="Signals.Signal.ParametersHash"/>: keys in the record's declared order, doubles in round-trip
/// ("R") invariant format, enums by name. The same parameters always give the same hash.
/// </summary>
public sealed class CanonicalParameters
{
    private readonly StringBuilder _text = new();
    private bool _first = true;

    public CanonicalParameters(string strategyName)
    {
        _text.Append(strategyName).Append('(');
    }

    public CanonicalParameters Add(string key, double value) => Append(key, value.ToString("R", CultureInfo.InvariantCulture));

    public CanonicalParameters Add(string key, int value) => Append(key, value.ToString(CultureInfo.InvariantCulture));

    public CanonicalParameters Add(string key, bool value) => Append(key, value ? "true" : "false");

    public CanonicalParameters Add(string key, string value) => Append(key, value);

    public override string ToString() => _text.ToString() + ")";

    private CanonicalParameters Append(string key, string value)
    {
        if (!_first)
        {
            _text.Append(';');
        }

        _first = false;
        _text.Append(key).Append('=').Append(value);
        return this;
    }
}

/// <summary>Validation helpers for strategy parameter records.</summary>
internal static class ParameterGuard
{
    public static void AtLeast(int value, int minimum, string field)
    {
        if (value < minimum)
        {
            throw new TesseraValidationException(field, value.ToString(CultureInfo.InvariantCulture), $"must be >= {minimum}");
        }
    }

    public static void InRange(double value, double min, double max, string field)
    {
        if (!(value >= min && value <= max))
        {
            throw new TesseraValidationException(field, value.ToString("R", CultureInfo.InvariantCulture), $"must be in [{min.ToString(CultureInfo.InvariantCulture)}, {max.ToString(CultureInfo.InvariantCulture)}]");
        }
    }
}
