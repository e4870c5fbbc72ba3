using Tessera.Core.Errors;
using Tessera.Core.LifeCycle;
using Xunit;

namespace Tessera.Core.Tests.LifeCycle;

public sealed class RegimeExposureTests
{
    private static readonly FlattenResult Flat = new(
        [new FlatAssetWeight("A", "s1", 0.6, 0.6, 0, 0.7, false), new FlatAssetWeight("B", "s2", -0.4, 0, 0.4, 0.3, true)],
        ["n1"],
        1.0,
        0.2);

    [Fact]
    public void Scaling_multiplies_every_weight_and_keeps_risk_shares()
    {
        var scaled = RegimeExposure.Scale(Flat, "bear", 0.4);
        Assert.Equal(0.24, scaled.Weights[0].Weight, 12);
        Assert.Equal(0.16, scaled.Weights[1].ShortWeight, 12);
        Assert.Equal(0.7, scaled.Weights[0].RiskContribution);
        Assert.Equal(0.4, scaled.GrossExposure, 12);
        Assert.Equal(0.08, scaled.NetExposure, 12);
        Assert.Equal(2, scaled.Notes.Count);
        Assert.Contains("60.0", scaled.Notes[1], StringComparison.Ordinal); // 60 % held as cash
    }

    [Fact]
    public void A_map_must_cover_exactly_the_models_labels()
    {
        RegimeExposure.Validate(new Dictionary<string, double> { ["bear"] = 0.5, ["neutral"] = 0.8, ["bull"] = 1 }, RegimeExposure.HmmLabels(3), "regime.exposure");
        Assert.Throws<TesseraValidationException>(() => RegimeExposure.Validate(new Dictionary<string, double> { ["bear"] = 0.5, ["bull"] = 1 }, RegimeExposure.HmmLabels(3), "regime.exposure"));
        Assert.Throws<TesseraValidationException>(() => RegimeExposure.Validate(new Dictionary<string, double> { ["bear"] = 0.5, ["bull"] = 1, ["calm"] = 1 }, RegimeExposure.HmmLabels(2), "regime.exposure"));
        Assert.Throws<TesseraValidationException>(() => RegimeExposure.Validate(new Dictionary<string, double> { ["bear"] = 1.5, ["bull"] = 1 }, RegimeExposure.HmmLabels(2), "regime.exposure"));
        Assert.Throws<TesseraValidationException>(() => RegimeExposure.Scale(Flat, "x", double.NaN));
    }
}
