using Tessera.Core.Errors;
using Tessera.Core.LifeCycle;
using Xunit;

namespace Tessera.Core.Tests.LifeCycle;

public sealed class RecruitmentStepTests
{
    [Fact]
    public void Assets_with_enough_history_become_one_candidate_per_direction_and_the_rest_are_rejected_with_the_reason()
    {
        var result = RecruitmentStep.Run(["NYSE:IBM", "TICK", "XNAS:AAPL"], [new double[5], new double[5], new double[3]], 4, [Side.Long, Side.Short]);

        Assert.Equal(
            [
                new RecruitedCandidate("NYSE:IBM", "NYSE", Side.Long), new RecruitedCandidate("NYSE:IBM", "NYSE", Side.Short),
                new RecruitedCandidate("TICK", "", Side.Long), new RecruitedCandidate("TICK", "", Side.Short),
            ],
            result.Candidates);
        Assert.Equal(["XNAS:AAPL: history 3 < min_history_days 4"], result.Rejected);
    }

    [Fact]
    public void History_equal_to_the_minimum_is_enough_and_directions_keep_their_order()
    {
        var result = RecruitmentStep.Run(["X:A"], [new double[4]], 4, [Side.Short]);
        Assert.Equal([new RecruitedCandidate("X:A", "X", Side.Short)], result.Candidates);
        Assert.Empty(result.Rejected);
    }

    [Fact]
    public void Bad_directions_and_mismatched_columns_are_typed_errors()
    {
        Assert.Throws<TesseraValidationException>(() => RecruitmentStep.Run(["X:A"], [new double[4]], 4, [Side.Flat]));
        Assert.Throws<TesseraValidationException>(() => RecruitmentStep.Run(["X:A", "X:B"], [new double[4]], 4, [Side.Long]));
    }
}
