using Tessera.Core.Errors;

namespace Tessera.Core.Indicators;

/// <summary>Input checks shared by every indicator: bad numbers are rejected at the door, never propagated as NaN.</summary>
internal static class IndicatorGuard
{
    public static int Period(int value, int minimum, string field = "period")
    {
        if (value < minimum)
        {
            throw new TesseraValidationException(field, value.ToString(System.Globalization.CultureInfo.InvariantCulture), $"must be an integer >= {minimum}");
        }

        return value;
    }

    public static void Finite(double value, string field)
    {
        if (!double.IsFinite(value))
        {
            Throw(field, value, "must be a finite number");
        }
    }

    public static void Positive(double value, string field)
    {
        if (!(value > 0) || double.IsPositiveInfinity(value))
        {
            Throw(field, value, "must be a finite number > 0");
        }
    }

    public static void NonNegative(double value, string field)
    {
        if (!(value >= 0) || double.IsPositiveInfinity(value))
        {
            Throw(field, value, "must be a finite number >= 0");
        }
    }

    public static void SameLength(int expected, int actual, string field)
    {
        if (expected != actual)
        {
            throw new TesseraValidationException(field, actual.ToString(System.Globalization.CultureInfo.InvariantCulture), $"length must equal the input length {expected}");
        }
    }

    private static void Throw(string field, double value, string rule) =>
        throw new TesseraValidationException(field, value.ToString("R", System.Globalization.CultureInfo.InvariantCulture), rule);
}
