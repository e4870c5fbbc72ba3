using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Tessera.Local.Hosting;
using Tessera.Local.Http;
using Tessera.Orchestrations.Application;
using Tessera.Orchestrations.Profiles;
using Tessera.Testing;
using Xunit;

namespace Tessera.Local.Tests.Http;

/// <summary>The local HTTP host on a free loopback port over a real Azurite, exercised with HttpClient.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class LocalApiTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string Key = "test-key-0123456789";
    private LocalStorage? _storage;
    private LocalRuntime? _runtime;
    private LocalHttpHost? _host;
    private HttpClient? _http;

    private HttpClient Http => _http!;

    public async Task InitializeAsync()
    {
        var cli = new TestCli(new Dictionary<string, string?>
        {
            ["TESSERA_STORAGE_CONNECTION_STRING"] = azurite.ConnectionString,
            ["TESSERA_TASK_HUB"] = Tessera.Testing.TestTaskHub.New(),
            ["TESSERA_LOCAL_DIR"] = Directory.CreateTempSubdirectory("tessera-http-").FullName,
            ["TESSERA_DURABLE_TUNING"] = "tests",
        });
        _storage = await LocalStorage.OpenAsync(cli.Context, null, CancellationToken.None);
        _runtime = await LocalRuntime.StartAsync(_storage, ProfileCatalog.Locate(), DurableSettings.From(cli.Context), CancellationToken.None);
        _host = await LocalHttpHost.StartAsync(_runtime, Key, 0, CancellationToken.None);
        _http = new HttpClient { BaseAddress = _host.BoundAddress };
        _http.DefaultRequestHeaders.Add(ApiRoutes.ApiKeyHeader, Key);
        Assert.Equal("127.0.0.1", _host.BoundAddress.Host);
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

    private Task<HttpResponseMessage> PostRunAsync(string body, string? key = Key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "api/runs") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        return SendAsync(request, key);
    }

    /// <summary>Sends with exactly the given key (null = no header), overriding the client's default key.</summary>
    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, string? key)
    {
        using var bare = new HttpClient { BaseAddress = Http.BaseAddress };
        if (key is not null)
        {
            request.Headers.Add(ApiRoutes.ApiKeyHeader, key);
        }

        return await bare.SendAsync(request);
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(text.Length > 0, $"empty body with HTTP {(int)response.StatusCode} from {response.RequestMessage?.RequestUri}");
        return JsonDocument.Parse(text).RootElement;
    }

    [Fact]
    public async Task Post_returns_202_with_a_status_url_and_the_run_reaches_Completed_with_a_report()
    {
        var response = await PostRunAsync("""{"profile":"compact","run_id":"http-run-1"}""");
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var body = await JsonAsync(response);
        Assert.Equal("http-run-1", body.GetProperty("id").GetString());
        var statusUrl = new Uri(body.GetProperty("status_query_get_uri").GetString()!);
        Assert.Equal("/api/runs/http-run-1", statusUrl.AbsolutePath);

        string status;
        var deadline = DateTime.UtcNow.AddMinutes(2);
        do
        {
            await Task.Delay(200);
            var view = await JsonAsync(await Http.GetAsync(statusUrl));
            status = view.GetProperty("status").GetString()!;
        }
        while (status is "Pending" or "Running" && DateTime.UtcNow < deadline);

        Assert.Equal("Completed", status);
        var report = await Http.GetAsync("api/runs/http-run-1/report");
        Assert.Equal(HttpStatusCode.OK, report.StatusCode);
        Assert.Equal("text/html", report.Content.Headers.ContentType!.MediaType);
        Assert.Contains("http-run-1", await report.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // Hardening item 12: the report cannot be sniffed into anything else and loads or runs nothing from elsewhere.
        Assert.Equal("nosniff", report.Headers.GetValues("X-Content-Type-Options").Single());
        var csp = report.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("default-src 'none'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("script-src", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", await report.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        // The run's sealed forensic trace: one trace id on every span, the run's steps among them.
        var trace = await JsonAsync(await Http.GetAsync("api/runs/http-run-1/trace"));
        var traceId = trace.GetProperty("trace_id").GetString();
        Assert.Matches("^[0-9a-f]{32}$", traceId);
        Assert.All(trace.GetProperty("spans").EnumerateArray(), span => Assert.Equal(traceId, span.GetProperty("trace_id").GetString()));
        Assert.Contains(trace.GetProperty("spans").EnumerateArray(), span => span.GetProperty("name").GetString() == "step LifeCycleReport");

        // The trace begins at the HTTP start: the request that started the run is the parent of run.start, in the run's trace.
        var spans = trace.GetProperty("spans").EnumerateArray().ToList();
        var request = Assert.Single(spans, span => span.GetProperty("name").GetString() == "http StartRun");
        Assert.Equal("Server", request.GetProperty("kind").GetString());
        Assert.Equal("202", request.GetProperty("tags").GetProperty("http.response.status_code").GetString());
        var runStart = Assert.Single(spans, span => span.GetProperty("name").GetString() == "run.start");
        Assert.Equal(request.GetProperty("span_id").GetString(), runStart.GetProperty("parent_span_id").GetString());

        var list = await JsonAsync(await Http.GetAsync("api/runs"));
        Assert.Contains(list.GetProperty("runs").EnumerateArray(), r => r.GetProperty("run_id").GetString() == "http-run-1");

        var again = await PostRunAsync("""{"profile":"compact","run_id":"http-run-1"}""");
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }

    [Fact]
    public async Task Hardening_item_16_run_ids_have_one_case_rule_so_BASE1_and_base1_can_never_be_two_runs()
    {
        var upper = await PostRunAsync("{\"profile\":\"compact\",\"run_id\":\"BASE1\"}");
        Assert.Equal(HttpStatusCode.BadRequest, upper.StatusCode);
        Assert.Contains("run_id", await upper.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await Http.GetAsync("api/runs/BASE1")).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await PostRunAsync("{\"profile\":\"compact\",\"run_id\":\"base1\"}")).StatusCode);
    }

    [Fact]
    public async Task Hardening_item_11_a_hostile_Host_header_is_never_echoed_into_the_status_url()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "api/runs") { Content = new StringContent("{\"profile\":\"compact\",\"run_id\":\"host-echo\"}", Encoding.UTF8, "application/json") };
        request.Headers.Host = "evil.example:1";
        var response = await SendAsync(request, Key);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var statusUrl = new Uri((await JsonAsync(response)).GetProperty("status_query_get_uri").GetString()!);
        Assert.Equal(Http.BaseAddress!.Authority, statusUrl.Authority);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single()); // item 12, on every answer
    }

    [Theory]
    [InlineData(null)]
    [InlineData("wrong-key")]
    [InlineData("")]
    public async Task Missing_or_wrong_api_key_is_401_on_every_runs_route(string? key)
    {
        var response = await PostRunAsync("""{"profile":"compact"}""", key);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        foreach (var path in new[] { "api/runs", "api/runs/some-run", "api/runs/some-run/report", "api/runs/some-run/trace" })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(new HttpRequestMessage(HttpMethod.Get, path), key)).StatusCode);
        }
    }

    [Theory]
    [InlineData("{\"profile\":", "body")]
    [InlineData("{\"profile\":5}", "profile")]
    [InlineData("{\"profile\":\"compact\",\"run_id\":\"../../etc\"}", "run_id")]
    [InlineData("{\"profile\":\"compact\",\"run_id\":\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\"}", "run_id")]
    [InlineData("{\"profile\":\"no-such-profile\"}", "profile")]
    public async Task Bad_requests_are_400_naming_the_field(string body, string field)
    {
        var response = await PostRunAsync(body);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(field, (await JsonAsync(response)).GetProperty("field").GetString());
    }

    [Fact]
    public async Task Oversized_body_is_413_and_hostile_ids_in_the_path_are_400()
    {
        var big = await PostRunAsync("{\"profile\":\"" + new string('x', 100_000) + "\"}");
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, big.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await Http.GetAsync("api/runs/a.b")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await Http.GetAsync("api/runs/" + new string('a', 65))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await Http.GetAsync("api/runs/a%2Fb")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Http.GetAsync("api/runs/never-started")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Http.GetAsync("api/runs/never-started/trace")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await Http.GetAsync("api/runs/a.b/trace")).StatusCode);
    }

    [Fact]
    public async Task Health_endpoints_answer_without_a_key()
    {
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(new HttpRequestMessage(HttpMethod.Get, "health/live"), null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(new HttpRequestMessage(HttpMethod.Get, "health/ready"), null)).StatusCode);
    }
}
