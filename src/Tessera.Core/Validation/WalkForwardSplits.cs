using Tessera.Core.Errors;

namespace Tessera.Core.Validation;

public enum WalkForwardMode
{
    /// <summary>Fixed-length train window that slides forward by the test length.</summary>
    Rolling = 0,

    /// <summary>Train window always starts at bar 0 and grows by the test length.</summary>
    Anchored = 1,
}

/// <summary>Half-open bar ranges [start, end) of one walk-forward split.</summary>
public readonly record struct WalkForwardSplit(int Index, int TrainStart, int TrainEnd, int TestStart, int TestEnd)
{
    public int TrainLength => TrainEnd - TrainStart;

    public int TestLength => TestEnd - TestStart;
}

/// <summary>
/// Walk-forward splits over a series of <c>length</c> bars (ALGORITHMS.md "Validation": default train 252,
/// test 63). The test of split i starts where training ends and splits advance by the test length, so the
/// test windows tile the series without overlap. Only complete test windows are produced (a trailing
/// remainder shorter than <c>test</c> is left out, so every split is scored on the same number of bars).
/// </summary>
public static class WalkForwardSplits
{
    public const int DefaultTrain = 252;
    public const int DefaultTest = 63;

    public static IReadOnlyList<WalkForwardSplit> Create(int length, int train = DefaultTrain, int test = DefaultTest, WalkForwardMode mode = WalkForwardMode.Rolling)
    {
        if (train < 1)
        {
            throw new TesseraValidationException("train", train.ToString(), "must be >= 1");
        }

        if (test < 1)
        {
            throw new TesseraValidationException("test", test.ToString(), "must be >= 1");
        }

        if (length < train + test)
        {
            throw new TesseraValidationException("length", length.ToString(), "must be at least train + test = " + (train + test));
        }

        var splits = new List<WalkForwardSplit>();
        for (var testStart = train; testStart + test <= length; testStart += test)
        {
            var trainStart = mode == WalkForwardMode.Anchored ? 0 : testStart - train;
            splits.Add(new WalkForwardSplit(splits.Count, trainStart, testStart, testStart, testStart + test));
        }

        return splits;
    }
}
