using Tessera.Local.Hosting;
using Tessera.Orchestrations.Application;
using Tessera.Orchestrations.Artifacts;
using Tessera.Orchestrations.LifeCycle;
using Tessera.Storage.Blobs;
using Xunit;

namespace Tessera.Local.Tests.Parity;

/// <summary>
/// ARCHITECTURE rule 2: every orchestrator, activity and HTTP route of the local host has an Azure twin in
/// functions/ with the same name, trigger, method and route, and the twin declares nothing the local host lacks.
/// </summary>
public sealed class FunctionsParityTests
{
    private static readonly System.Reflection.Assembly[] ConstantSources = [typeof(LifeCycleSteps).Assembly];

    public static IReadOnlyList<DeclaredFunction> LocalHostFunctions()
    {
        var registry = LocalRuntime.CreateRegistry(new LifeCycleServices(new RunArtifactStore(new BlobStore("UseDevelopmentStorage=true"))));
        var expected = new List<DeclaredFunction>();
        expected.AddRange(registry.OrchestratorNames.Select(n => new DeclaredFunction(n, "orchestration", null, null)));
        expected.AddRange(registry.ActivityNames.Select(n => new DeclaredFunction(n, "activity", null, null)));
        expected.AddRange(ApiRoutes.All.Select(r => new DeclaredFunction(r.Name, "http", r.Method, r.Template)));
        return expected;
    }

    public static IReadOnlyList<string> Differences(IReadOnlyList<DeclaredFunction> local, IReadOnlyList<DeclaredFunction> azure)
    {
        var diffs = new List<string>();
        diffs.AddRange(local.Except(azure).Select(f => "no Azure twin for local " + f));
        diffs.AddRange(azure.Except(local).Select(f => "Azure declares " + f + " which the local host lacks"));
        diffs.AddRange(azure.GroupBy(f => f.Name).Where(g => g.Count() > 1).Select(g => "Azure declares " + g.Key + " twice"));
        return diffs;
    }

    private static string FunctionsDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "functions");
            if (File.Exists(Path.Combine(dir.FullName, "FunctionApp.sln")) && Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("functions/ not found above " + AppContext.BaseDirectory);
    }

    [Fact]
    public void Every_local_workflow_activity_and_route_has_an_identical_Azure_twin_and_vice_versa()
    {
        var sources = Directory.EnumerateFiles(FunctionsDirectory(), "*.cs", SearchOption.AllDirectories)
            .Where(p => !p.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(File.ReadAllText);
        var azure = AzureFunctionScanner.Scan(sources, ConstantSources);
        var local = LocalHostFunctions();
        Assert.NotEmpty(local);
        Assert.Empty(Differences(local, azure));
    }

    [Fact]
    public void The_check_reports_a_missing_twin_a_wrong_route_and_an_extra_function()
    {
        const string source = """
            public sealed class F
            {
                [Function(LifeCycleSteps.Orchestrator)]
                public static Task<LifeCycleOutput> A([OrchestrationTrigger] TaskOrchestrationContext c) => null!;

                [Function("StartRun")]
                public Task<HttpResponseData> S([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/run")] HttpRequestData r) => null!;

                [Function("Extra")]
                public Task X([ActivityTrigger] string input) => null!;
            }
            """;
        var azure = AzureFunctionScanner.Scan([source], ConstantSources);
        var diffs = Differences(LocalHostFunctions(), azure);
        Assert.Contains(diffs, d => d.Contains("no Azure twin for local activity LifeCycleFoundation", StringComparison.Ordinal));
        Assert.Contains(diffs, d => d.Contains("no Azure twin for local http StartRun POST api/runs", StringComparison.Ordinal));
        Assert.Contains(diffs, d => d.Contains("Azure declares activity Extra", StringComparison.Ordinal));
        Assert.DoesNotContain(diffs, d => d.Contains("orchestration AtomicLifeCycle", StringComparison.Ordinal));
    }
}
