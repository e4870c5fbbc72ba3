namespace Tessera.Core.Portfolio.Allocation;

internal static class SolverDiagnostics
{
    public static string Describe(QpSolution s) => s.Algorithm == QpAlgorithm.BudgetBoxActiveSet
        ? "qp: budget-and-box active set, exact in " + PortfolioInputValidation.Str(s.PolishRounds) + " rounds (Cholesky of the free block), primal residual " + PortfolioInputValidation.Str(s.PrimalResidual) + ", dual residual " + PortfolioInputValidation.Str(s.DualResidual)
        : "qp: " + PortfolioInputValidation.Str(s.Iterations) + " ADMM iterations, " + (s.Polished ? "active-set polished in " + PortfolioInputValidation.Str(s.PolishRounds) + " rounds" : "not polished")
        + ", primal residual " + PortfolioInputValidation.Str(s.PrimalResidual) + ", dual residual " + PortfolioInputValidation.Str(s.DualResidual);
}
