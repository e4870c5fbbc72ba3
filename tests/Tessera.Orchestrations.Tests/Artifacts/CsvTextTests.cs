using Xunit;

namespace Tessera.Orchestrations.Tests.Artifacts;

/// <summary>CSV field quoting of weights.csv (Artifacts/CsvText).</summary>
public sealed class CsvTextTests
{
    [Theory]
    [InlineData("Energy", "Energy")]
    [InlineData("Oil, Gas", "\"Oil, Gas\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("=HYPERLINK(\"x\")", "\"'=HYPERLINK(\"\"x\"\")\"")]
    [InlineData("-1+2", "'-1+2")]
    [InlineData("@cmd", "'@cmd")]
    [InlineData(null, "")]
    public void Quotes_per_rfc_4180_and_defuses_formulas(string? text, string expected) =>
        Assert.Equal(expected, Tessera.Orchestrations.Artifacts.CsvText.Field(text));
}
