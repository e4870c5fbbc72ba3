using Xunit;

namespace Tessera.Functions.Tests;

/// <summary>
/// Every orchestrator, activity, timer and HTTP route of the local host has exactly one Azure twin in the generated
/// functions.metadata, and the Azure app declares nothing the local host lacks.
/// </summary>
public sealed class FunctionsMetadataParityTests
{
    private static readonly IReadOnlyList<FunctionEntry> Azure = FunctionsMetadata.Read();

    [Fact]
    public void Orchestrators_match_one_to_one()
    {
        var azure = Names("orchestrationTrigger");
        Assert.Equal(Sorted(LocalHostSurface.DurableTasks().Orchestrators), azure);
    }

    [Fact]
    public void Activities_match_one_to_one()
    {
        var azure = Names("activityTrigger");
        Assert.Equal(Sorted(LocalHostSurface.DurableTasks().Activities), azure);
    }

    [Fact]
    public void Http_routes_match_one_to_one_by_name_method_and_route()
    {
        var azure = Azure.Where(f => f.TriggerType == "httpTrigger")
            .SelectMany(f => f.Methods.Select(m => (f.Name, Method: m, Route: f.Route ?? string.Empty)))
            .OrderBy(x => x.Name, StringComparer.Ordinal).ToList();
        var local = LocalHostSurface.Routes().OrderBy(x => x.Name, StringComparer.Ordinal).ToList();
        Assert.Equal(local, azure);
    }

    [Fact]
    public void Timers_match_one_to_one_by_name_and_schedule()
    {
        // Every timer the local scheduler runs (tessera serve) has its Azure twin with the same NCRONTAB expression,
        // and the Azure app has no timer the local host lacks.
        var azure = Azure.Where(f => f.TriggerType == "timerTrigger").Select(f => (f.Name, f.Schedule)).OrderBy(x => x.Name, StringComparer.Ordinal).ToList();
        var local = LocalHostSurface.Timers().OrderBy(x => x.Name, StringComparer.Ordinal).ToList();
        Assert.NotEmpty(local);
        Assert.Equal(local, azure);
    }

    [Fact]
    public void Every_function_has_exactly_one_trigger_and_a_unique_name()
    {
        Assert.Equal(Azure.Count, Azure.Select(f => f.Name).Distinct(StringComparer.Ordinal).Count());
        Assert.All(Azure, f => Assert.Contains(f.TriggerType, new[] { "orchestrationTrigger", "activityTrigger", "httpTrigger", "timerTrigger" }));
    }

    private static List<string> Names(string trigger) => Sorted(Azure.Where(f => f.TriggerType == trigger).Select(f => f.Name));

    private static List<string> Sorted(IEnumerable<string> names) => names.OrderBy(n => n, StringComparer.Ordinal).ToList();
}
