using Tessera.Core.Errors;
using Tessera.Core.LifeCycle;
using Xunit;

namespace Tessera.Core.Tests.LifeCycle;

public sealed class EnrichmentStepTests
{
    [Fact]
    public void Each_selected_asset_gets_its_sector_from_the_frame_in_selection_order()
    {
        var sectors = EnrichmentStep.Sectors(["X:A", "X:B", "X:C"], ["Tech", "Energy", "Tech"], ["X:C", "X:A", "X:B", "X:A"]);
        Assert.Equal(["Tech", "Tech", "Energy", "Tech"], sectors);
    }

    [Fact]
    public void An_asset_outside_the_frame_is_a_typed_error_naming_it()
    {
        var ex = Assert.Throws<TesseraValidationException>(() => EnrichmentStep.Sectors(["X:A"], ["Tech"], ["X:Z"]));
        Assert.Equal("enrichment.symbol", ex.Field);
        Assert.Equal("X:Z", ex.Value);
    }
}
