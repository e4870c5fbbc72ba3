namespace Tessera.Core.Contracts;

/// <summary>An asset removed before the matrix was formed, with the evidence.</summary>
public sealed record DroppedAsset(string Symbol, string Rule, double GapRatio, int Observations, string Detail);

/// <summary>The matrix plus everything the contract removed or flagged on the way, for reports and lineage.</summary>
public sealed class ReturnsBuildResult
{
    public ReturnsBuildResult(ReturnsMatrix matrix, int unionCalendarLength, IReadOnlyList<DroppedAsset> droppedAssets, long[] droppedDates, IReadOnlyList<ContractViolation> violations)
    {
        Matrix = matrix;
        UnionCalendarLength = unionCalendarLength;
        DroppedAssets = droppedAssets;
        DroppedDates = droppedDates;
        Violations = violations;
    }

    public ReturnsMatrix Matrix { get; }

    /// <summary>Dates in the union calendar of all assets that passed L0.</summary>
    public int UnionCalendarLength { get; }

    /// <summary>Assets dropped by the density rule or as toxic, in the order decided.</summary>
    public IReadOnlyList<DroppedAsset> DroppedAssets { get; }

    /// <summary>Dates (UTC epoch ms) some surviving asset had but another lacked: removed by the inner join.</summary>
    public long[] DroppedDates { get; }

    /// <summary>L0 bar drops, toxic drops and |r| warnings.</summary>
    public IReadOnlyList<ContractViolation> Violations { get; }
}
