using Tessera.Core.Errors;
using Tessera.Orchestrations.Research;
using Tessera.Testing;
using Xunit;

namespace Tessera.Orchestrations.Tests.Research;

public sealed class ResearchConfigurationTests
{
    [Fact]
    public void The_shipped_file_parses_to_the_documented_defaults()
    {
        var config = ResearchConfiguration.LoadFile(Path.Combine(RepositoryPaths.Root(), "config", "research.yaml"));
        Assert.Equal(ResearchConfiguration.Defaults.Regime, config.Regime);
        Assert.Empty(config.Fundamentals.KnownExclusions);
    }

    [Fact]
    public void Known_exclusions_and_regime_settings_are_read()
    {
        var config = ResearchConfiguration.Parse("regime:\n  symbol: qqq\n  refit_days: 1\nfundamentals:\n  known_exclusions: [brk.a, HOLDCO]\n", "t.yaml");
        Assert.Equal("QQQ", config.Regime.Symbol);
        Assert.Equal(1, config.Regime.RefitDays);
        Assert.Equal(2520, config.Regime.LookbackDays);
        Assert.Equal(new HashSet<string> { "BRK.A", "HOLDCO" }, config.Fundamentals.KnownExclusions);
    }

    [Theory]
    [InlineData("regime:\n  refit_days: 0\n", "regime.refit_days")]
    [InlineData("regime:\n  refit_days: 367\n", "regime.refit_days")]
    [InlineData("regime:\n  states: 4\n", "regime.states")]
    [InlineData("regime:\n  refit: 7\n", "regime.refit")]
    [InlineData("fundamentals:\n  known_exclusions: HOLDCO\n", "fundamentals.known_exclusions")]
    [InlineData("other: 1\n", "other")]
    public void Bad_values_and_unknown_keys_are_typed_errors_naming_the_key(string yaml, string field)
    {
        Assert.Equal(field, Assert.Throws<TesseraValidationException>(() => ResearchConfiguration.Parse(yaml, "t.yaml")).Field);
    }

    [Fact]
    public void A_configured_path_that_does_not_exist_is_a_typed_error()
    {
        var e = Assert.Throws<TesseraValidationException>(() => ResearchConfiguration.Load(name => name == ResearchConfiguration.ConfigVariable ? "/nonexistent/research.yaml" : null));
        Assert.Equal(ResearchConfiguration.ConfigVariable, e.Field);
    }
}
