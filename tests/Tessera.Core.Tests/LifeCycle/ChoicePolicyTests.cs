using System.Text.Json;
using System.Text.Json.Serialization;
using Tessera.Core.Errors;
using Tessera.Core.LifeCycle;
using Tessera.Core.Portfolio.Allocation;
using Xunit;

namespace Tessera.Core.Tests.LifeCycle;

public sealed class ChoicePolicyTests
{
    private static readonly ChoicePolicy MinVol = ChoicePolicy.MinVolatility;

    [Fact]
    public void Min_volatility_takes_the_lowest_finite_volatility_and_says_so()
    {
        var choice = MinVol.Choose([Optimizer.EqualWeight, Optimizer.InverseVolatility, Optimizer.Erc], [0.20, 0.15, 0.18]);
        Assert.Equal(new OptimizerChoice(1, Optimizer.InverseVolatility, "lowest in-sample annualized volatility (15.00 %)"), choice);
    }

    [Fact]
    public void Ties_go_to_the_ordinally_first_name_whatever_the_order()
    {
        Assert.Equal(Optimizer.Erc, MinVol.Choose([Optimizer.Hrp, Optimizer.Erc, Optimizer.Herc], [0.1, 0.1, 0.1]).Optimizer);
        Assert.Equal(1, MinVol.Choose([Optimizer.Hrp, Optimizer.Erc, Optimizer.Herc], [0.1, 0.1, 0.1]).Index);
        Assert.Equal(Optimizer.MaxSharpe, MinVol.Choose([Optimizer.MinVariance, Optimizer.MaxSharpe], [0.1, 0.1]).Optimizer); // ordinal: "max" < "min"
    }

    [Fact]
    public void Non_finite_volatilities_cannot_win_and_if_none_is_finite_the_choice_fails()
    {
        Assert.Equal(Optimizer.Erc, MinVol.Choose([Optimizer.EqualWeight, Optimizer.Hrp, Optimizer.Erc], [double.NaN, double.PositiveInfinity, 0.3]).Optimizer);
        Assert.Equal(Optimizer.Hrp, MinVol.Choose([Optimizer.EqualWeight, Optimizer.Hrp], [double.NegativeInfinity, 0.3]).Optimizer);
        var ex = Assert.Throws<TesseraValidationException>(() => MinVol.Choose([Optimizer.EqualWeight, Optimizer.Hrp], [double.NaN, double.NaN]));
        Assert.Equal("optimization.results", ex.Field);
    }

    [Fact]
    public void Prefer_takes_the_named_result_even_when_it_is_not_the_lowest_or_not_finite()
    {
        Assert.Equal(
            new OptimizerChoice(0, Optimizer.EqualWeight, "policy prefers equal_weight"),
            ChoicePolicy.Prefer(Optimizer.EqualWeight).Choose([Optimizer.EqualWeight, Optimizer.Erc], [0.3, 0.1]));
        Assert.Equal(1, ChoicePolicy.Prefer(Optimizer.Erc).Choose([Optimizer.EqualWeight, Optimizer.Erc], [0.3, double.NaN]).Index);
    }

    [Fact]
    public void A_preferred_optimizer_without_a_result_and_an_empty_or_ragged_input_are_typed_errors()
    {
        var ex = Assert.Throws<TesseraValidationException>(() => ChoicePolicy.Prefer(Optimizer.Hrp).Choose([Optimizer.EqualWeight, Optimizer.Erc], [0.3, 0.1]));
        Assert.Equal("optimization.policy", ex.Field);
        Assert.Equal("prefer:hrp", ex.Value);
        Assert.Throws<TesseraValidationException>(() => MinVol.Choose([], []));
        Assert.Throws<TesseraValidationException>(() => MinVol.Choose([Optimizer.EqualWeight, Optimizer.Hrp], [0.1]));
    }

    [Theory]
    [InlineData("min_volatility")]
    [InlineData("prefer:equal_weight")]
    [InlineData("prefer:inverse_volatility")]
    [InlineData("prefer:herc")]
    public void The_text_parses_once_and_is_written_back_unchanged(string text)
    {
        var policy = ChoicePolicy.Parse(text, "optimization.policy");
        Assert.Equal(text, policy.ToString());
        Assert.Equal(policy, ChoicePolicy.Parse(policy.ToString(), "optimization.policy"));
    }

    [Fact]
    public void Parsing_yields_the_typed_policy()
    {
        Assert.Same(ChoicePolicy.MinVolatility, ChoicePolicy.Parse("min_volatility", "policy"));
        Assert.Null(ChoicePolicy.MinVolatility.Preferred);
        Assert.Same(Optimizer.MinVariance, ChoicePolicy.Parse("prefer:min_variance", "policy").Preferred);
        Assert.Equal(ChoicePolicy.Prefer(Optimizer.MinVariance), ChoicePolicy.Parse("prefer:min_variance", "policy"));
        Assert.NotEqual(ChoicePolicy.MinVolatility, ChoicePolicy.Parse("prefer:min_variance", "policy"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("prefer:")]
    [InlineData("prefer:ERC")]
    [InlineData("prefer:minvar")]
    [InlineData("Min_Volatility")]
    [InlineData("max_sharpe")]
    [InlineData(" min_volatility")]
    public void Anything_else_is_a_typed_error_naming_the_field_the_value_and_the_rule(string text)
    {
        Assert.False(ChoicePolicy.TryParse(text, out _));
        var ex = Assert.Throws<TesseraValidationException>(() => ChoicePolicy.Parse(text, "optimization.policy"));
        Assert.Equal("optimization.policy", ex.Field);
        Assert.Equal(text, ex.Value);
        Assert.Equal(ChoicePolicy.Rule, ex.Rule);
    }

    [Fact]
    public void Json_carries_the_profile_text_whatever_the_serializer_options()
    {
        var snakeWithEnums = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
        };
        foreach (var options in new[] { JsonSerializerOptions.Default, snakeWithEnums })
        {
            var policy = ChoicePolicy.Prefer(Optimizer.InverseVolatility);
            Assert.Equal("\"prefer:inverse_volatility\"", JsonSerializer.Serialize(policy, options));
            Assert.Equal(policy, JsonSerializer.Deserialize<ChoicePolicy>("\"prefer:inverse_volatility\"", options));
            Assert.Same(ChoicePolicy.MinVolatility, JsonSerializer.Deserialize<ChoicePolicy>("\"min_volatility\"", options));
            var ex = Assert.Throws<TesseraValidationException>(() => JsonSerializer.Deserialize<ChoicePolicy>("\"prefer:nope\"", options));
            Assert.Equal("optimization.policy", ex.Field);
            Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<ChoicePolicy>("3", options));
        }
    }
}
