using Tessera.Core.Contracts;
using Tessera.Core.Data;
using Tessera.Core.Errors;
using Tessera.Core.LifeCycle;
using Tessera.Core.Tests.Contracts;
using Xunit;

namespace Tessera.Core.Tests.LifeCycle;

public sealed class FoundationStepTests
{
    [Fact]
    public void Average_dollar_volume_is_the_mean_of_close_times_volume_over_the_last_window_bars()
    {
        double[] close = [10, 20, 30, 40, 50];
        double[] volume = [1, 2, 3, 4, 5];

        // Last 3 bars: (30*3 + 40*4 + 50*5) / 3 = (90 + 160 + 250) / 3 = 500 / 3.
        Assert.Equal(500.0 / 3.0, FoundationStep.AverageDollarVolume(close, volume, 3), 12);

        // Fewer bars than the window: all of them, (10 + 40 + 90 + 160 + 250) / 5 = 110.
        Assert.Equal(110.0, FoundationStep.AverageDollarVolume(close, volume, 20), 12);
        Assert.Throws<TesseraValidationException>(() => FoundationStep.AverageDollarVolume(close, [1, 2], 3));
    }

    [Fact]
    public void The_gate_keeps_good_assets_with_their_sector_and_liquidity_and_records_the_toxic_one()
    {
        var good = Bars.Closes("X:GOOD", [0, 1, 2, 3], [10, 11, 12, 13]);
        var toxic = Bars.Closes("X:TOXIC", [0, 1, 2, 3], [1, 1, 7.5, 7.5]);
        var other = Bars.Closes("Y:OTHER", [0, 1, 2, 3], [20, 19, 19, 20]);
        SymbolMetadata[] metadata =
        [
            new(SymbolId.Parse("X:GOOD"), "Tech"), new(SymbolId.Parse("X:TOXIC"), "Energy"), new(SymbolId.Parse("Y:OTHER"), "Utilities"),
        ];

        var result = FoundationStep.Run([good, toxic, other], metadata);

        Assert.Equal(["X:GOOD", "Y:OTHER"], result.Symbols);
        Assert.Equal(["Tech", "Utilities"], result.Sectors);
        Assert.Equal([Bars.Day(1), Bars.Day(2), Bars.Day(3)], result.Timestamps);
        Assert.Equal([(11.0 / 10.0) - 1.0, (12.0 / 11.0) - 1.0, (13.0 / 12.0) - 1.0], result.Returns[0]);
        Assert.Equal([(19.0 / 20.0) - 1.0, 0.0, (20.0 / 19.0) - 1.0], result.Returns[1]);

        // Volume is 1000 on every bar: mean close over the (4 < 20) bars x 1000.
        Assert.Equal((10 + 11 + 12 + 13) / 4.0 * 1000.0, result.AverageDollarVolume[0], 9);
        Assert.Equal((20 + 19 + 19 + 20) / 4.0 * 1000.0, result.AverageDollarVolume[1], 9);

        // 1 -> 7.5 is r = 6.5 > 5, ending on day 2 (2024-01-03).
        Assert.Equal(["X:TOXIC: " + ContractRules.ToxicReturn + " (r = 6.5 on 2024-01-03)"], result.DroppedAssets);
        Assert.Equal("X:TOXIC", Assert.Single(result.Gate.DroppedAssets).Symbol);
        Assert.Equal(0, result.Warnings);
    }

    [Fact]
    public void Returns_above_one_count_as_warnings_and_an_asset_without_metadata_is_a_typed_error()
    {
        var jumpy = Bars.Closes("X:JUMP", [0, 1, 2], [10, 25, 25]); // r = 1.5: kept with a warning
        var result = FoundationStep.Run([jumpy], [new SymbolMetadata(SymbolId.Parse("X:JUMP"), "Tech")]);
        Assert.Equal(1, result.Warnings);
        Assert.Empty(result.DroppedAssets);

        var ex = Assert.Throws<TesseraValidationException>(() => FoundationStep.Run([jumpy], [new SymbolMetadata(SymbolId.Parse("X:ELSE"), "Tech")]));
        Assert.Equal("universe.metadata", ex.Field);
    }
}
