using Tessera.Core.Errors;
using Tessera.Orchestrations.Application.Purge;
using Xunit;

namespace Tessera.Orchestrations.Tests.Application.Purge;

public sealed class RetentionAgeTests
{
    [Theory]
    [InlineData("30d", 30 * 24 * 60)]
    [InlineData("12h", 12 * 60)]
    [InlineData("90m", 90)]
    [InlineData("1m", 1)] // the shortest
    [InlineData("3650d", 3650 * 24 * 60)] // the longest
    [InlineData("87600h", 3650 * 24 * 60)]
    public void Days_hours_and_minutes_parse_to_their_length(string text, long minutes) =>
        Assert.Equal(TimeSpan.FromMinutes(minutes), RetentionAge.Parse(text).Value);

    [Theory]
    [InlineData("30x")]
    [InlineData("30")]
    [InlineData("d")]
    [InlineData("0d")]
    [InlineData("0m")]
    [InlineData("-1d")]
    [InlineData("3651d")]
    [InlineData("87601h")]
    [InlineData("1.5d")]
    [InlineData(" 30d")]
    [InlineData("30D")]
    [InlineData("30s")]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("999999999d")]
    public void Anything_else_is_a_typed_error_naming_the_option(string? text)
    {
        var ex = Assert.Throws<TesseraValidationException>(() => RetentionAge.Parse(text));
        Assert.Equal("older-than", ex.Field);
        Assert.Contains("30d", ex.Rule, StringComparison.Ordinal);
    }
}
