using System.Text.Json;
using System.Text.Json.Serialization;
using Tessera.Core.Errors;
using Xunit;

namespace Tessera.Core.Tests;

public sealed class SideTests
{
    private static readonly JsonSerializerOptions SnakeWithEnums = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    public static TheoryData<JsonSerializerOptions> Options() => [JsonSerializerOptions.Default, SnakeWithEnums];

    [Theory]
    [InlineData(Side.Flat, "FLAT", "flat", 0)]
    [InlineData(Side.Long, "LONG", "long", 1)]
    [InlineData(Side.Short, "SHORT", "short", -1)]
    public void Each_side_has_one_wire_text_and_one_sign(Side side, string text, string lower, int sign)
    {
        Assert.Equal(text, side.ToText());
        Assert.Equal(lower, side.ToLowerText());
        Assert.Equal(sign, side.Sign());
        Assert.True(SideText.TryParse(text, out var parsed));
        Assert.Equal(side, parsed);
        Assert.Equal(side, SideText.OfSign(sign * 2.5));
    }

    [Fact]
    public void Directions_are_long_and_short_only()
    {
        Assert.Equal(Side.Long, SideText.ParseDirection("LONG", "recruitment.directions"));
        Assert.Equal(Side.Short, SideText.ParseDirection("SHORT", "recruitment.directions"));
        Assert.True(Side.Long.IsDirection());
        Assert.False(Side.Flat.IsDirection());
        Assert.Equal(Side.Short, SideText.RequireDirection(Side.Short, "atom.direction"));
        var ex = Assert.Throws<TesseraValidationException>(() => SideText.RequireDirection(Side.Flat, "atom.direction"));
        Assert.Equal("atom.direction", ex.Field);
        Assert.Equal("Flat", ex.Value);
    }

    [Theory]
    [InlineData("long")]
    [InlineData("Long")]
    [InlineData(" LONG")]
    [InlineData("FLAT")]
    [InlineData("BUY")]
    [InlineData("1")]
    [InlineData("")]
    [InlineData(null)]
    public void Anything_else_is_a_typed_error_naming_the_field_the_value_and_the_rule(string? text)
    {
        var ex = Assert.Throws<TesseraValidationException>(() => SideText.ParseDirection(text, "candidates[3].direction"));
        Assert.Equal("candidates[3].direction", ex.Field);
        Assert.Equal(text, ex.Value);
        Assert.Equal(SideText.DirectionRule, ex.Rule);
    }

    [Fact]
    public void The_order_is_flat_long_short_so_sorted_candidates_put_long_before_short()
    {
        Side[] sides = [Side.Short, Side.Flat, Side.Long];
        Array.Sort(sides);
        Assert.Equal([Side.Flat, Side.Long, Side.Short], sides);
        Assert.Equal(1, System.Runtime.CompilerServices.Unsafe.SizeOf<Side>()); // arrays of sides stay byte arrays in hot paths
    }

    [Theory]
    [MemberData(nameof(Options))]
    public void Json_writes_the_wire_text_whatever_the_options_and_reads_it_back(JsonSerializerOptions options)
    {
        Assert.Equal("\"LONG\"", JsonSerializer.Serialize(Side.Long, options));
        Assert.Equal("[\"FLAT\",\"LONG\",\"SHORT\"]", JsonSerializer.Serialize(new[] { Side.Flat, Side.Long, Side.Short }, options));
        Assert.Equal([Side.Short, Side.Long], JsonSerializer.Deserialize<Side[]>("[\"SHORT\",\"LONG\"]", options));
        var atom = JsonSerializer.Deserialize<Holder>(JsonSerializer.Serialize(new Holder(Side.Short), options), options);
        Assert.Equal(Side.Short, atom!.Direction);
    }

    [Theory]
    [MemberData(nameof(Options))]
    public void Json_refuses_other_spellings(JsonSerializerOptions options)
    {
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<Side>("\"long\"", options));
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<Side>("\"Short\"", options));
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<Side>("\"BUY\"", options));
    }

    private sealed record Holder(Side Direction);
}
