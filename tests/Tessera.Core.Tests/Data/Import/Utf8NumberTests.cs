using System.Globalization;
using System.Text;
using Tessera.Core.Data.Import;
using Tessera.Core.Determinism;
using Xunit;

namespace Tessera.Core.Tests.Data.Import;

/// <summary>The fast decimal path must agree bit for bit with the BCL parser (the independent reference).</summary>
public sealed class Utf8NumberTests
{
    [Theory]
    [InlineData("0")]
    [InlineData("45.07")]
    [InlineData("-0.1")]
    [InlineData("123456789012345")]
    [InlineData("0.000000000000001")]
    [InlineData("1234567890123456789")]
    [InlineData("1e5")]
    [InlineData("69.0842")]
    [InlineData(".5")]
    [InlineData("5.")]
    public void Matches_double_parse(string text)
    {
        Assert.True(TryParse(text, out var value));
        Assert.Equal(BitConverter.DoubleToInt64Bits(double.Parse(text, CultureInfo.InvariantCulture)), BitConverter.DoubleToInt64Bits(value));
    }

    [Fact]
    public void Matches_double_parse_on_random_price_strings()
    {
        var rng = new DeterministicRandom(1);
        for (var k = 0; k < 20000; k++)
        {
            var decimals = rng.NextInt(9);
            var value = Math.Round(rng.NextDouble() * Math.Pow(10, rng.NextInt(7)), decimals);
            var text = value.ToString("F" + decimals, CultureInfo.InvariantCulture);
            Assert.True(TryParse(text, out var parsed));
            Assert.Equal(double.Parse(text, CultureInfo.InvariantCulture), parsed);
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("-")]
    [InlineData("1.2.3")]
    [InlineData("abc")]
    [InlineData("1,5")]
    public void Rejects_non_numbers(string text) => Assert.False(TryParse(text, out _));

    private static bool TryParse(string text, out double value) => Utf8Number.TryParse(Encoding.UTF8.GetBytes(text), out value);
}
