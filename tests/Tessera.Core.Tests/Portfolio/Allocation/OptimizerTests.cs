using System.Text.Json;
using System.Text.Json.Serialization;
using Tessera.Core.Errors;
using Tessera.Core.Portfolio.Allocation;
using Xunit;

namespace Tessera.Core.Tests.Portfolio.Allocation;

public sealed class OptimizerTests
{
    [Theory]
    [InlineData("equal_weight", "ew")]
    [InlineData("inverse_volatility", "ivol")]
    [InlineData("min_variance", "minvar")]
    [InlineData("max_sharpe", "maxsharpe")]
    [InlineData("erc", "erc")]
    [InlineData("hrp", "hrp")]
    [InlineData("herc", "herc")]
    public void Each_optimizer_has_one_profile_name_one_engine_name_and_its_engine(string name, string engine)
    {
        var optimizer = Optimizer.Parse(name, "optimization.optimizers");
        Assert.Same(optimizer, Optimizer.ParseEngine(engine));
        Assert.Equal(name, optimizer.Name);
        Assert.Equal(name, optimizer.ToString());
        Assert.Equal(engine, optimizer.Engine);
        Assert.Equal(engine, optimizer.CreateAllocator().Name);
        Assert.NotSame(optimizer.CreateAllocator(), optimizer.CreateAllocator());
    }

    [Fact]
    public void The_closed_set_in_cli_order_and_names_in_ordinal_order()
    {
        Assert.Equal(["ew", "ivol", "minvar", "maxsharpe", "erc", "hrp", "herc"], Optimizer.EngineNames);
        Assert.Equal(["equal_weight", "erc", "herc", "hrp", "inverse_volatility", "max_sharpe", "min_variance"], Optimizer.Names);
        Assert.Equal(7, Optimizer.All.Distinct().Count());
    }

    [Theory]
    [InlineData("Equal_Weight")]
    [InlineData("ew")]
    [InlineData("equal_weight ")]
    [InlineData("")]
    [InlineData(null)]
    public void A_profile_name_is_exact_and_anything_else_is_a_typed_error(string? text)
    {
        Assert.False(Optimizer.TryParse(text, out _));
        var ex = Assert.Throws<TesseraValidationException>(() => Optimizer.Parse(text, "optimization.optimizers"));
        Assert.Equal("optimization.optimizers", ex.Field);
        Assert.Equal(text, ex.Value);
        Assert.Equal("unknown optimizer; known: equal_weight, erc, herc, hrp, inverse_volatility, max_sharpe, min_variance", ex.Rule);
    }

    [Fact]
    public void An_unknown_engine_name_keeps_the_cli_message()
    {
        var ex = Assert.Throws<TesseraValidationException>(() => Optimizer.ParseEngine("equal_weight"));
        Assert.Equal("method", ex.Field);
        Assert.Equal("must be one of ew, ivol, minvar, maxsharpe, erc, hrp, herc", ex.Rule);
    }

    [Fact]
    public void Json_carries_the_profile_name_whatever_the_serializer_options()
    {
        var snakeWithEnums = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
        };
        foreach (var options in new[] { JsonSerializerOptions.Default, snakeWithEnums })
        {
            Assert.Equal("[\"min_variance\",\"herc\"]", JsonSerializer.Serialize(new[] { Optimizer.MinVariance, Optimizer.Herc }, options));
            Assert.Equal([Optimizer.MaxSharpe], JsonSerializer.Deserialize<Optimizer[]>("[\"max_sharpe\"]", options));
            var ex = Assert.Throws<TesseraValidationException>(() => JsonSerializer.Deserialize<Optimizer>("\"maxsharpe\"", options));
            Assert.Equal("optimizer", ex.Field);
        }
    }
}
