using Tessera.Core.Errors;

namespace Tessera.Core.Portfolio.Estimators;

/// <summary>Estimator lookup by the names used on the CLI and in profiles.</summary>
public static class CovarianceEstimators
{
    public static IReadOnlyList<string> Names { get; } = ["sample", "lw", "ewma"];

    public static ICovarianceEstimator ByName(string name) => name switch
    {
        "sample" => new SampleCovarianceEstimator(),
        "lw" => new LedoitWolfEstimator(),
        "ewma" => new EwmaCovarianceEstimator(),
        _ => throw new TesseraValidationException("estimator", name, "must be one of sample, lw, ewma"),
    };
}
