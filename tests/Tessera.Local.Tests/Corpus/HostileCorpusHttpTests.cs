using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Tessera.Local.Hosting;
using Tessera.Local.Http;
using Tessera.Orchestrations.Application;
using Tessera.Orchestrations.Profiles;
using Tessera.Testing;
using Xunit;

namespace Tessera.Local.Tests.Corpus;

/// <summary>
/// Issue 17's corpus against every HTTP entry point that reads a body, a profile file or a route value: the bodies
/// of POST /api/runs, the YAML profiles a run names (served from a profiles folder holding the corpus' YAML files),
/// and run ids in GET /api/runs/{id}. For each manifest line: the status (never 500), the field and the rule in the
/// JSON answer, the host still serving afterwards, and no run started (the run list is unchanged).
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class HostileCorpusHttpTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string Key = "corpus-key-0123456789";
    private readonly string _dir = Directory.CreateTempSubdirectory("tessera-corpus-http-").FullName;
    private LocalStorage? _storage;
    private LocalRuntime? _runtime;
    private LocalHttpHost? _host;
    private HttpClient? _http;

    public async Task InitializeAsync()
    {
        var profiles = Directory.CreateDirectory(Path.Combine(_dir, "profiles")).FullName;
        File.Copy(Path.Combine(RepositoryPaths.Profiles, "compact.yaml"), Path.Combine(profiles, "compact.yaml"));
        foreach (var c in HostileCorpus.For("profile-yaml"))
        {
            HostileCorpus.WriteTo(c, profiles);
        }

        var cli = new TestCli(new Dictionary<string, string?>
        {
            ["TESSERA_STORAGE_CONNECTION_STRING"] = azurite.ConnectionString,
            ["TESSERA_TASK_HUB"] = TestTaskHub.New(),
            ["TESSERA_LOCAL_DIR"] = Path.Combine(_dir, "local"),
            ["TESSERA_DURABLE_TUNING"] = "tests",
        });
        _storage = await LocalStorage.OpenAsync(cli.Context, null, CancellationToken.None);
        _runtime = await LocalRuntime.StartAsync(_storage, new ProfileCatalog(profiles), DurableSettings.From(cli.Context), CancellationToken.None);
        _host = await LocalHttpHost.StartAsync(_runtime, Key, 0, CancellationToken.None);
        _http = new HttpClient { BaseAddress = _host.BoundAddress };
        _http.DefaultRequestHeaders.Add(ApiRoutes.ApiKeyHeader, Key);
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

        Directory.Delete(_dir, recursive: true);
    }

    [Theory]
    [InlineData("post-runs")]
    [InlineData("profile-yaml")]
    [InlineData("run-id-route")]
    public async Task Every_corpus_input_gets_its_status_field_and_rule_and_starts_nothing(string entry)
    {
        var runsBefore = await RunCountAsync();
        var failures = new List<string>();
        var cases = HostileCorpus.For(entry).ToList();
        Assert.NotEmpty(cases);
        foreach (var c in cases)
        {
            HttpResponseMessage response;
            try
            {
                response = entry switch
                {
                    "post-runs" => await PostAsync(HostileCorpus.Bytes(c)),
                    "profile-yaml" => await PostAsync(Encoding.UTF8.GetBytes("{\"profile\":\"" + Path.GetFileNameWithoutExtension(c.File) + "\"}")),
                    "run-id-route" => await _http!.GetAsync("api/runs/" + Encoding.ASCII.GetString(HostileCorpus.Bytes(c))),
                    _ => throw new ArgumentException("unknown entry point " + entry, nameof(entry)),
                };
            }
            catch (HttpRequestException ex)
            {
                failures.Add($"{c}: the host did not answer ({ex.Message})");
                continue;
            }

            var text = await response.Content.ReadAsStringAsync();
            var status = (int)response.StatusCode;
            if (status != c.Expect)
            {
                failures.Add($"{c}: HTTP {status}, expected {c.Expect}: {text}");
                continue;
            }

            using var body = JsonDocument.Parse(text);
            var field = body.RootElement.TryGetProperty("field", out var f) ? f.GetString() : null;
            var rule = body.RootElement.TryGetProperty("rule", out var r) ? r.GetString() : null;
            var fieldMatches = c.Field.EndsWith('*') ? field?.StartsWith(c.Field[..^1], StringComparison.Ordinal) == true : field == c.Field;
            if (!fieldMatches || rule is null || !rule.Contains(c.Rule, StringComparison.Ordinal))
            {
                failures.Add($"{c}: field '{field}' rule '{rule}', expected field '{c.Field}' and a rule containing '{c.Rule}'");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.Equal(runsBefore, await RunCountAsync());

        // Still serving: a well-formed request is answered normally after the whole corpus.
        Assert.Equal(System.Net.HttpStatusCode.OK, (await _http!.GetAsync("api/runs")).StatusCode);
    }

    [Fact]
    public async Task Hardening_item_2_invalid_utf8_and_a_lone_surrogate_are_400_naming_the_field_not_500()
    {
        foreach (var body in new[] { (byte[])[.. "{\"profile\":\"compact"u8, 0xFF, .. "\"}"u8], "{\"profile\":\"\\ud800\"}"u8.ToArray() })
        {
            var response = await PostAsync(body);
            Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
            using var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            Assert.Equal("profile", answer.RootElement.GetProperty("field").GetString());
            Assert.Equal(StrictJsonBody.TextRule, answer.RootElement.GetProperty("rule").GetString());
        }

        // Item 8 at the host: a byte-order mark in front of a valid body is accepted (here: the profile is then refused by name).
        var bom = await PostAsync([0xEF, 0xBB, 0xBF, .. "{\"profile\":\"no-such-profile\"}"u8]);
        Assert.Contains("unknown profile", await bom.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private Task<HttpResponseMessage> PostAsync(byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return _http!.PostAsync("api/runs", content);
    }

    private async Task<int> RunCountAsync()
    {
        using var list = JsonDocument.Parse(await _http!.GetStringAsync("api/runs"));
        return list.RootElement.GetProperty("runs").GetArrayLength();
    }
}
