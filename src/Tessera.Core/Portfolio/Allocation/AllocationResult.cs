using Tessera.Core.Portfolio.Estimators;

namespace Tessera.Core.Portfolio.Allocation;

/// <summary>
/// Weights with their explanation: risk contributions (share of portfolio variance, summing to 1),
/// portfolio volatility, beta exposure, solver diagnostics and, when the policy replaced the
/// requested engine, which engine was asked for and why it was replaced.
/// </summary>
public sealed class AllocationResult
{
    private AllocationResult(string method, IReadOnlyList<string> assetIds, double[] weights, double[] riskContributions, double volatility, double? betaExposure, IReadOnlyList<string> diagnostics)
    {
        Method = method;
        AssetIds = assetIds;
        Weights = weights;
        RiskContributions = riskContributions;
        PortfolioVolatility = volatility;
        BetaExposure = betaExposure;
        Diagnostics = diagnostics;
    }

    public string Method { get; }

    public IReadOnlyList<string> AssetIds { get; }

    public double[] Weights { get; }

    /// <summary>RC_i = w_i (Sigma w)_i / (w' Sigma w).</summary>
    public double[] RiskContributions { get; }

    public double PortfolioVolatility { get; }

    public double? BetaExposure { get; }

    public IReadOnlyList<string> Diagnostics { get; }

    /// <summary>The QP solution (with multipliers) for engines that solve one; null otherwise.</summary>
    public QpSolution? Solver { get; private init; }

    /// <summary>The engine originally requested when a fallback produced this result.</summary>
    public string? FallbackFrom { get; private init; }

    public string? FallbackReason { get; private init; }

    /// <summary>
    /// Builds the result and applies the L4 invariant check (every output passes through here).
    /// </summary>
    public static AllocationResult Create(string method, AllocationProblem problem, CovarianceMatrix covariance, double[] weights, IReadOnlyList<string> diagnostics, QpSolution? solver = null)
    {
        L4Invariants.Enforce(method, problem.AssetIds, weights);
        var n = weights.Length;
        var sigmaW = new double[n];
        covariance.Multiply(weights, sigmaW);
        var variance = 0.0;
        for (var i = 0; i < n; i++)
        {
            variance += weights[i] * sigmaW[i];
        }

        var rc = new double[n];
        if (variance > 0)
        {
            for (var i = 0; i < n; i++)
            {
                rc[i] = weights[i] * sigmaW[i] / variance;
            }
        }

        double? beta = null;
        if (problem.Betas is { } betas)
        {
            var b = 0.0;
            for (var i = 0; i < n; i++)
            {
                b += weights[i] * betas[i];
            }

            beta = b;
        }

        return new AllocationResult(method, problem.AssetIds, weights, rc, Math.Sqrt(Math.Max(variance, 0)), beta, diagnostics) { Solver = solver };
    }

    public AllocationResult AsFallbackFrom(string requested, string reason)
    {
        var diagnostics = new List<string>(Diagnostics) { "fallback: " + requested + " -> " + Method + " because " + reason };
        return new AllocationResult(Method, AssetIds, Weights, RiskContributions, PortfolioVolatility, BetaExposure, diagnostics)
        {
            Solver = Solver,
            FallbackFrom = requested,
            FallbackReason = reason,
        };
    }
}
