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

    /// <summary>A first-bar convention named by the enum (a cast integer outside it is refused).</summary>
    public static FirstBarConvention Defined(FirstBarConvention convention)
    {
        if (convention is not (FirstBarConvention.TradingView or FirstBarConvention.TaLibTtr))
        {
            throw new TesseraValidationException("convention", ((int)convention).ToString(System.Globalization.CultureInfo.InvariantCulture), "must be TradingView or TaLibTtr");
        }

        return convention;
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

    /// <summary>The batch form's output columns: one per output of the indicator.</summary>
    public static void Outputs(Data.BarSeries bars, IReadOnlyList<double[]> outputs, int count)
    {
        ArgumentNullException.ThrowIfNull(bars);
        ArgumentNullException.ThrowIfNull(outputs);
        if (outputs.Count != count)
        {
            throw new TesseraValidationException("outputs", outputs.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), $"one column per output ({count}) is required");
        }
    }

    /// <summary>The current value of output <paramref name="index"/> of an indicator with <paramref name="count"/> outputs.</summary>
    public static ArgumentOutOfRangeException BadOutput(int index, int count) =>
        new(nameof(index), index, $"an output index is in [0, {count})");

    private static void Throw(string field, double value, string rule) =>
        throw new TesseraValidationException(field, value.ToString("R", System.Globalization.CultureInfo.InvariantCulture), rule);
}
