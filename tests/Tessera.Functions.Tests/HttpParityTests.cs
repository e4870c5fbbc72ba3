using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Tessera.Local.Cli;
using Tessera.Local.Hosting;
using Tessera.Local.Http;
using Tessera.Orchestrations.Application;
using Tessera.Orchestrations.Application.Http;
using Tessera.Orchestrations.Artifacts;
using Tessera.Testing;
using Xunit;

namespace Tessera.Functions.Tests;

/// <summary>
/// The Azure HTTP functions, called with a real DurableTaskClient on the embedded sidecar, answer every request
/// exactly as the local host does over HTTP: same status code, same JSON body, same status URLs.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class HttpParityTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string Key = "parity-key-0123456789";
    private static readonly Uri PublicBase = new("https://tessera.example.net/");
    private LocalStorage? _storage;
    private LocalRuntime? _runtime;
    private LocalHttpHost? _host;
    private HttpFunctions? _functions;
    private HttpClient? _http;

    public async Task InitializeAsync()
    {
        var context = new CliContext(Spectre.Console.AnsiConsole.Console, TextWriter.Null, new Dictionary<string, string?>
        {
            ["TESSERA_STORAGE_CONNECTION_STRING"] = azurite.ConnectionString,
            ["TESSERA_TASK_HUB"] = Tessera.Testing.TestTaskHub.New(),
            ["TESSERA_LOCAL_DIR"] = Directory.CreateTempSubdirectory("tessera-http-").FullName,
            ["TESSERA_DURABLE_TUNING"] = "tests",
        });
        _storage = await LocalStorage.OpenAsync(context, null, CancellationToken.None);
        _runtime = await LocalRuntime.StartAsync(_storage, Tessera.Orchestrations.Profiles.ProfileCatalog.Locate(), DurableSettings.From(context), CancellationToken.None);
        _host = await LocalHttpHost.StartAsync(_runtime, Key, 0, CancellationToken.None, PublicBase);
        _http = new HttpClient { BaseAddress = _host.BoundAddress };

        // The Azure app's HTTP functions over the same services and settings, as Program.cs composes them.
        _functions = new HttpFunctions(new RunsHttpApi(
            _runtime.Profiles, _runtime.Artifacts, TimeProvider.System, new HttpApiSettings(Key, PublicBase), _ => Task.FromResult(true), _runtime.Lakehouse,
            history: _runtime.History));
    }

    public async Task DisposeAsync()
    {
        _http?.Dispose();
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

    public static TheoryData<string, string, string?, string?> Requests => new()
    {
        { "POST", "api/runs", "{\"profile\":", Key },
        { "POST", "api/runs", "{\"profile\":5}", Key },
        { "POST", "api/runs", "{\"profile\":\"no-such-profile\"}", Key },
        { "POST", "api/runs", "{\"profile\":\"compact\",\"run_id\":\"../../etc\"}", Key },
        { "POST", "api/runs", "{\"profile\":\"compact\",\"extra\":1}", Key },
        { "POST", "api/runs", "{\"profile\":\"" + new string('x', 20_000) + "\"}", Key },
        { "POST", "api/runs", "{\"profile\":\"compact\"}", null },
        { "POST", "api/runs", "{\"profile\":\"compact\"}", "wrong-key" },
        { "GET", "api/runs/never-started", null, Key },
        { "GET", "api/runs/never-started/report", null, Key },
        { "GET", "api/runs/a.b", null, Key },
        { "GET", "api/runs/" + new string('a', 65), null, Key },
        { "GET", "api/runs/some-run", null, null },
        { "GET", "api/runs/RUN-1", null, Key },
        { "GET", "api/runs/RUN-1/report", null, Key },
        { "POST", "api/runs", "{\"profile\":\"compact\",\"run_id\":\"RUN-1\"}", Key },
        { "GET", "api/runs?pageSize=0", null, Key },
        { "GET", "api/runs?pageSize=10000", null, Key },
        { "GET", "api/runs?pageSize=NaN", null, Key },
        { "GET", "api/runs?pageSize=2&pageSize=3", null, Key },
        { "GET", "api/runs?continuationToken=%3Cscript%3Ealert(1)%3C%2Fscript%3E", null, Key },
        { "GET", "api/runs?continuationToken=ZEMweg.00000000", null, Key },
        { "GET", "api/runs?status=Sleeping", null, Key },
        { "GET", "api/runs?pageSize=5&status=Completed", null, Key },
        { "GET", "health/live", null, null },
        { "GET", "health/ready", null, null },
    };

    [Theory]
    [MemberData(nameof(Requests))]
    public async Task Both_hosts_answer_the_same_request_identically(string method, string path, string? body, string? key)
    {
        var local = await LocalAsync(method, path, body, key);
        var azure = await AzureAsync(method, path, body, key);
        Assert.Equal(local, azure);
        Assert.NotEqual(500, local.Status);
        if (path.Contains("RUN-1", StringComparison.Ordinal) || path.Contains('?', StringComparison.Ordinal) && !path.EndsWith("status=Completed", StringComparison.Ordinal))
        {
            // Upper-case run ids and bad paging parameters are typed 400s naming the field.
            Assert.Equal(400, local.Status);
        }
    }

    [Fact]
    public async Task A_run_started_on_either_host_is_seen_identically_by_both()
    {
        var viaAzure = await AzureAsync("POST", "api/runs", "{\"profile\":\"compact\",\"run_id\":\"parity-run-1\"}", Key);
        Assert.Equal(202, viaAzure.Status);
        using (var accepted = System.Text.Json.JsonDocument.Parse(viaAzure.Body))
        {
            Assert.Equal("https://tessera.example.net/api/runs/parity-run-1", accepted.RootElement.GetProperty("status_query_get_uri").GetString());
        }

        var viaLocal = await LocalAsync("POST", "api/runs", "{\"profile\":\"compact\",\"run_id\":\"parity-run-2\"}", Key);
        Assert.Equal(viaAzure with { Body = viaAzure.Body.Replace("parity-run-1", "parity-run-2", StringComparison.Ordinal) }, viaLocal);
        Assert.Equal(409, (await LocalAsync("POST", "api/runs", "{\"profile\":\"compact\",\"run_id\":\"parity-run-1\"}", Key)).Status);
        Assert.Equal(409, (await AzureAsync("POST", "api/runs", "{\"profile\":\"compact\",\"run_id\":\"parity-run-2\"}", Key)).Status);

        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        foreach (var id in new[] { "parity-run-1", "parity-run-2" })
        {
            var done = await _runtime!.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, timeout.Token);
            Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
            Assert.Equal(await LocalAsync("GET", "api/runs/" + id, null, Key), await AzureAsync("GET", "api/runs/" + id, null, Key));
            Assert.Equal(await LocalAsync("GET", $"api/runs/{id}/report", null, Key), await AzureAsync("GET", $"api/runs/{id}/report", null, Key));
        }

        Assert.Equal(await LocalAsync("GET", "api/runs", null, Key), await AzureAsync("GET", "api/runs", null, Key));

        // Paging: the same pages on both hosts, and a token issued by one host continues on the other.
        var firstLocal = await LocalAsync("GET", "api/runs?pageSize=1", null, Key);
        Assert.Equal(firstLocal, await AzureAsync("GET", "api/runs?pageSize=1", null, Key));
        string token;
        using (var first = System.Text.Json.JsonDocument.Parse(firstLocal.Body))
        {
            Assert.Equal(1, first.RootElement.GetProperty("runs").GetArrayLength());
            token = first.RootElement.GetProperty("continuation_token").GetString()!;
        }

        var second = await AzureAsync("GET", "api/runs?pageSize=1&continuationToken=" + Uri.EscapeDataString(token), null, Key);
        Assert.Equal(await LocalAsync("GET", "api/runs?pageSize=1&continuationToken=" + Uri.EscapeDataString(token), null, Key), second);
        using (var page = System.Text.Json.JsonDocument.Parse(second.Body))
        {
            Assert.NotEqual(firstLocal.Body, second.Body);
            Assert.Equal(1, page.RootElement.GetProperty("runs").GetArrayLength());
        }

        // The status of a run shows its steps from the runtime's history on both hosts.
        using (var status = System.Text.Json.JsonDocument.Parse((await AzureAsync("GET", "api/runs/parity-run-1", null, Key)).Body))
        {
            var steps = status.RootElement.GetProperty("steps");
            Assert.Equal(Tessera.Orchestrations.LifeCycle.LifeCycleSteps.ActivityNames.Count, steps.GetArrayLength());
            Assert.All(steps.EnumerateArray(), s => Assert.Equal(0, s.GetProperty("retries").GetInt32()));
        }
    }

    private async Task<Answer> LocalAsync(string method, string path, string? body, string? key)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }

        if (key is not null)
        {
            request.Headers.Add(ApiRoutes.ApiKeyHeader, key);
        }

        using var response = await _http!.SendAsync(request);
        return new Answer((int)response.StatusCode, response.Content.Headers.ContentType?.ToString() ?? string.Empty, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Calls the [Function] method the Functions host would invoke for this route, with the sidecar's client.</summary>
    private async Task<Answer> AzureAsync(string method, string path, string? body, string? key)
    {
        var http = new DefaultHttpContext();
        http.Request.Method = method;
        var query = path.IndexOf('?', StringComparison.Ordinal);
        if (query >= 0)
        {
            http.Request.QueryString = new QueryString(path[query..]);
            path = path[..query];
        }

        http.Request.Path = "/" + path;
        if (body is not null)
        {
            var bytes = Encoding.UTF8.GetBytes(body);
            http.Request.Body = new MemoryStream(bytes);
            http.Request.ContentLength = bytes.Length;
            http.Request.ContentType = "application/json; charset=utf-8";
        }

        if (key is not null)
        {
            http.Request.Headers[ApiRoutes.ApiKeyHeader] = key;
        }

        var responseBody = new MemoryStream();
        http.Response.Body = responseBody;
        var client = _runtime!.Client;
        var segments = path.Split('/');
        var f = _functions!;
        Task<Microsoft.AspNetCore.Mvc.IActionResult> call = (method, segments) switch
        {
            ("POST", ["api", "runs"]) => f.StartRun(http.Request, client),
            ("GET", ["api", "runs"]) => f.ListRuns(http.Request, client),
            ("GET", ["api", "runs", var id]) => f.GetRun(http.Request, client, id),
            ("GET", ["api", "runs", var id, "report"]) => f.GetRunReport(http.Request, client, id),
            ("GET", ["health", "live"]) => f.HealthLive(http.Request),
            ("GET", ["health", "ready"]) => f.HealthReady(http.Request),
            _ => throw new InvalidOperationException("no Azure function for " + method + " " + path),
        };
        await call;
        return new Answer(http.Response.StatusCode, http.Response.ContentType ?? string.Empty, Encoding.UTF8.GetString(responseBody.ToArray()));
    }

    private sealed record Answer(int Status, string ContentType, string Body);
}
