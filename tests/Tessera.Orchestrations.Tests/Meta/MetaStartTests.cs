using Microsoft.DurableTask.Client;
using Tessera.Orchestrations.Application;
using Tessera.Orchestrations.Meta;
using Tessera.Orchestrations.Profiles;
using Tessera.Testing;
using Xunit;

namespace Tessera.Orchestrations.Tests.Meta;

/// <summary>The one start route: a meta profile's name given to RunService (POST /api/runs, tessera run) starts the meta.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class MetaStartTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task A_meta_profile_name_starts_the_meta_whose_status_shows_its_progress_and_a_second_start_is_refused()
    {
        await using var h = await MetaHost.StartAsync(azurite.ConnectionString);
        var runs = new RunService(h.Client, new ProfileCatalog(RepositoryPaths.Profiles), h.Artifacts, TimeProvider.System);
        var id = await runs.StartRunAsync(new StartRunRequest("us_long_short", "via-api"));
        Assert.Equal("via-api", id);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(6));
        var final = await runs.WaitForRunAsync(id, timeout.Token);
        Assert.True(final.RuntimeStatus == OrchestrationRuntimeStatus.Completed, final.FailureDetails?.ToString());
        var view = await runs.GetRunAsync(id);
        Assert.Equal(MetaSteps.Orchestrator, view!.Workflow);
        Assert.Equal("Completed", view.Status);
        Assert.Equal(8, view.Progress!.Completed);
        Assert.Equal(8, view.Progress.Finished.Count);
        Assert.Contains((await runs.ListRunsAsync(new Tessera.Orchestrations.Application.Listing.RunPageRequest(50, null, null))).Runs, r => r.RunId == "via-api");
        await Assert.ThrowsAsync<RunAlreadyExistsException>(() => runs.StartRunAsync(new StartRunRequest("us_long_short", "via-api")));
        // A name that is neither a sleeve profile nor a meta stays an unknown profile.
        await Assert.ThrowsAsync<UnknownProfileException>(() => runs.StartRunAsync(new StartRunRequest("no_such_thing", null)));
    }
}
