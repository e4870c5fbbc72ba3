using Tessera.Core.Errors;
using Xunit;

namespace Tessera.Durable.Tests.Registry;

public sealed class DurableRegistryTests
{
    [Fact]
    public void Names_are_listed_sorted_per_kind()
    {
        var registry = new DurableRegistry()
            .AddActivity<int, int>("Zeta", (x, _) => Task.FromResult(x))
            .AddActivity<int>("Alpha", (_, _) => Task.CompletedTask)
            .AddOrchestrator<int>("Main", _ => Task.FromResult(1))
            .AddOrchestrator<int, int>("Child", (_, x) => Task.FromResult(x));

        Assert.Equal(["Alpha", "Zeta"], registry.ActivityNames);
        Assert.Equal(["Child", "Main"], registry.OrchestratorNames);
        Assert.True(registry.HasActivity("Zeta"));
        Assert.False(registry.HasActivity("zeta")); // names are case-sensitive
    }

    [Fact]
    public void Duplicate_and_empty_names_are_rejected()
    {
        var registry = new DurableRegistry().AddActivity<int, int>("A", (x, _) => Task.FromResult(x));

        Assert.Equal("registered twice", Assert.Throws<TesseraValidationException>(() => registry.AddActivity<int, int>("A", (x, _) => Task.FromResult(x))).Rule);
        Assert.Throws<TesseraValidationException>(() => registry.AddOrchestrator<int>(" ", _ => Task.FromResult(1)));
    }

    [Fact]
    public async Task Activities_deserialize_input_and_serialize_output_as_json()
    {
        var registry = new DurableRegistry().AddActivity<Point, double>("Norm", (p, _) => Task.FromResult(Math.Sqrt((p.X * p.X) + (p.Y * p.Y))));
        Assert.True(registry.TryGetActivity("Norm", out var activity));

        var output = await activity.Run("{\"X\":3,\"Y\":4}", new ActivityContext("i", "Norm", 0, CancellationToken.None));

        Assert.Equal("5", output);
    }

    [Fact]
    public void Unknown_orchestrator_lists_the_known_names()
    {
        var registry = new DurableRegistry().AddOrchestrator<int>("Main", _ => Task.FromResult(1));

        var ex = Assert.Throws<UnknownOrchestrationNameException>(() => registry.GetOrchestrator("Other"));
        Assert.Equal("must be one of: Main", ex.Rule);
    }

    private sealed record Point(double X, double Y);
}
