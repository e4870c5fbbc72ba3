using Tessera.Trading.Configuration;
using Xunit;

namespace Tessera.Trading.Tests.Configuration;

public sealed class ScanSettingsTests
{
    private const string Minimal = "profiles:\n  canary: {}\n";

    [Fact]
    public void Defaults_are_the_seed_runner_times()
    {
        var scan = TradingConfigurationLoader.Load(Minimal, "t.yaml").Scan;
        Assert.Equal(["09:35", "10:30", "15:55"], scan.Times);
        Assert.Equal(20, scan.MaxLatenessMinutes);
        Assert.Equal(["connors-rsi2"], scan.Strategies);
    }

    [Fact]
    public void A_scan_section_is_read_and_changes_the_pin()
    {
        var plain = TradingConfigurationLoader.Load(Minimal, "t.yaml");
        var custom = TradingConfigurationLoader.Load(Minimal + "scan:\n  times: [\"10:00\"]\n  universe: [AAPL, MSFT]\n  strategies: [ibs, connors-rsi2]\n", "t.yaml");
        Assert.Equal(["AAPL", "MSFT"], custom.Scan.Universe);
        Assert.Equal(["ibs", "connors-rsi2"], custom.Scan.Strategies);
        Assert.NotEqual(plain.ConfigPin, custom.ConfigPin);
    }

    [Theory]
    [InlineData("scan:\n  times: [\"9:35\"]\n", "scan.times[0]")]
    [InlineData("scan:\n  times: []\n", "scan.times")]
    [InlineData("scan:\n  universe: [SPY, SPY]\n", "scan.universe[1]")]
    [InlineData("scan:\n  universe: [\"../etc\"]\n", "scan.universe[0]")]
    [InlineData("scan:\n  strategies: [martingale]\n", "scan.strategies[0]")]
    [InlineData("scan:\n  history_sessions: 5\n", "scan.history_sessions")]
    [InlineData("scan:\n  cadence: 5\n", "scan.cadence")]
    [InlineData("scan:\n  universe: SPY\n", "scan.universe")]
    public void Bad_scan_settings_name_the_field(string section, string field)
    {
        var e = Assert.Throws<TradingConfigurationException>(() => TradingConfigurationLoader.Load(Minimal + section, "t.yaml"));
        Assert.Equal(field, e.Field);
    }
}
