using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.DurableTask.Client;
using Tessera.Local.Hosting;
using Tessera.Local.Http;
using Tessera.Orchestrations.Application;
using Tessera.Orchestrations.Profiles;
using Tessera.Orchestrations.Runs;
using Tessera.Testing;
using Xunit;

namespace Tessera.Local.Tests.Http;

/// <summary>
/// POST /api/runs/{id}/promote on the local host over Azurite: the API key, the strict body (400 naming the field),
/// an unknown run (404), a typed 422 naming the missing evidence, a 409 for a move governance does not allow, and a
/// 200 whose transition is in the governance chain and the run index (INDEX.md lists the run with its profile).
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class GovernanceApiTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string Key = "test-key-governance-01";
    private LocalStorage? _storage;
    private LocalRuntime? _runtime;
    private LocalHttpHost? _host;

    public async Task InitializeAsync()
    {
        var cli = new TestCli(new Dictionary<string, string?>
        {
            ["TESSERA_STORAGE_CONNECTION_STRING"] = azurite.ConnectionString,
            ["TESSERA_TASK_HUB"] = Tessera.Testing.TestTaskHub.New(),
            ["TESSERA_LOCAL_DIR"] = Directory.CreateTempSubdirectory("tessera-gov-").FullName,
            ["TESSERA_DURABLE_TUNING"] = "tests",
        });
        _storage = await LocalStorage.OpenAsync(cli.Context, null, CancellationToken.None);
        _runtime = await LocalRuntime.StartAsync(_storage, ProfileCatalog.Locate(), DurableSettings.From(cli.Context), CancellationToken.None);
        _host = await LocalHttpHost.StartAsync(_runtime, Key, 0, CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        if (_runtime is not null)
        {
            await _runtime.DisposeAsync();
        }

        if (_storage is not null)
        {
            await _storage.DisposeAsync();
        }
    }

    private async Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(string path, string body, string? key = Key)
    {
        using var http = new HttpClient { BaseAddress = _host!.BoundAddress };
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (key is not null)
        {
            request.Headers.Add(ApiRoutes.ApiKeyHeader, key);
        }

        var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, JsonDocument.Parse(text).RootElement.Clone());
    }

    [Fact]
    public async Task Promote_checks_the_key_the_body_the_run_and_the_evidence_and_records_an_allowed_move()
    {
        var (started, _) = await PostAsync("api/runs", """{"profile":"compact","run_id":"gov-http-1"}""");
        Assert.Equal(HttpStatusCode.Accepted, started);
        using (var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3)))
        {
            Assert.Equal(OrchestrationRuntimeStatus.Completed, (await _runtime!.Client.WaitForInstanceCompletionAsync("gov-http-1", false, timeout.Token)).RuntimeStatus);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await PostAsync("api/runs/gov-http-1/promote", """{"to":"canary","reason":"x"}""", key: null)).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await PostAsync("api/runs/gov-http-1/promote", """{"to":"canary","reason":"x"}""", key: "wrong")).Status);

        var (noReason, noReasonBody) = await PostAsync("api/runs/gov-http-1/promote", """{"to":"canary"}""");
        Assert.Equal(HttpStatusCode.BadRequest, noReason);
        Assert.Equal("reason", noReasonBody.GetProperty("field").GetString());
        var (unknownField, unknownBody) = await PostAsync("api/runs/gov-http-1/promote", """{"to":"canary","reason":"x","force":"yes"}""");
        Assert.Equal((HttpStatusCode.BadRequest, "force"), (unknownField, unknownBody.GetProperty("field").GetString()));

        Assert.Equal(HttpStatusCode.NotFound, (await PostAsync("api/runs/gov-http-nothing/promote", """{"to":"canary","reason":"x"}""")).Status);

        // Skipping canary is not a move governance allows: 409, typed.
        var (illegal, illegalBody) = await PostAsync("api/runs/gov-http-1/promote", """{"to":"promoted","reason":"skip"}""");
        Assert.Equal(HttpStatusCode.Conflict, illegal);
        Assert.Equal("illegal_move", illegalBody.GetProperty("refusal").GetString());

        // With evidence (audit.jsonl, coverage, walk-forward): 200, in the chain and the index.
        var (ok, okBody) = await PostAsync("api/runs/gov-http-1/promote", """{"to":"canary","reason":"canary at 2% of target capital"}""");
        Assert.Equal(HttpStatusCode.OK, ok);
        Assert.Equal(("sandbox", "canary"), (okBody.GetProperty("from").GetString(), okBody.GetProperty("to").GetString()));

        // canary -> promoted today: no clean canary day yet: 422 naming the missing evidence.
        var (missing, missingBody) = await PostAsync("api/runs/gov-http-1/promote", """{"to":"promoted","reason":"too early"}""");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, missing);
        Assert.Equal("missing_evidence", missingBody.GetProperty("refusal").GetString());
        Assert.Equal("canary_days", missingBody.GetProperty("missing")[0].GetProperty("code").GetString());

        var chain = await _runtime!.Governance.Chain.ReadAllAsync();
        var block = Assert.Single(chain, b => b.Entry.Payload["run_id"]?.GetValue<string>() == "gov-http-1");
        Assert.Equal(("canary at 2% of target capital", "api"), (block.Entry.Payload["reason"]!.GetValue<string>(), block.Entry.Payload["actor"]!.GetValue<string>()));
        var row = (await _runtime.Governance.Index.GetAsync("gov-http-1"))!;
        Assert.Equal(("compact", "Completed", "canary"), (row.Profile, row.Status, row.Governance));
        var md = Encoding.UTF8.GetString((await _storage!.Blobs.GetAsync("runs", RunIndexRenderer.MarkdownName)).Content);
        Assert.Contains("| gov-http-1 | compact | Completed | canary (canary at 2% of target capital) |", md, StringComparison.Ordinal);
    }
}
