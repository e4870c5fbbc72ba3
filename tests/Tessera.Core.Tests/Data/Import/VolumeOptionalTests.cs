using System.Text;
using Tessera.Core.Data.Import;
using Tessera.Testing;
using Xunit;

namespace Tessera.Core.Tests.Data.Import;

/// <summary>An index such as VIX has no volume: accepted only when asked, with volumes 0 and a notice in the report.</summary>
public sealed class VolumeOptionalTests
{
    private const string Vix = "DATE,OPEN,HIGH,LOW,CLOSE\n1990-01-02,17.240000,17.240000,17.240000,17.240000\n1990-01-03,18.190000,18.190000,18.190000,18.190000\n";

    private static BarImportResult Import(string csv, bool optional) =>
        BarCsvImporter.Import(new MemoryStream(Encoding.UTF8.GetBytes(csv)), new BarImportOptions { DefaultSymbol = "VIX", Source = "vix", VolumeOptional = optional });

    [Fact]
    public void Without_the_option_a_file_without_volume_is_refused_naming_the_column()
    {
        Assert.Equal("volume", Assert.Throws<DataImportException>(() => Import(Vix, optional: false)).Field);
    }

    [Fact]
    public void With_the_option_volumes_are_zero_and_the_report_says_so()
    {
        var result = Import(Vix, optional: true);
        var vix = Assert.Single(result.Series);
        Assert.Equal([17.24, 18.19], vix.Close);
        Assert.Equal([0.0, 0.0], vix.Volume);
        Assert.Contains(result.Report.Warnings, w => w.Contains("no volume column", StringComparison.Ordinal));
    }

    [Fact]
    public void A_file_with_volume_reads_it_even_with_the_option()
    {
        var result = Import("date,open,high,low,close,volume\n2024-01-02,1,1,1,1,500\n", optional: true);
        Assert.Equal([500.0], result.Series[0].Volume);
    }

    [SharedDataFact("vix-daily-1990-2026.csv")]
    public void The_shared_VIX_file_imports_as_an_index()
    {
        using var file = File.OpenRead(SharedData.Path_("vix-daily-1990-2026.csv"));
        var result = BarCsvImporter.Import(file, new BarImportOptions { DefaultSymbol = "VIX", Source = "vix", VolumeOptional = true });
        var vix = Assert.Single(result.Series);
        Assert.True(vix.Count > 9_000, vix.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.All(vix.Close, c => Assert.InRange(c, 5, 100));
    }
}
