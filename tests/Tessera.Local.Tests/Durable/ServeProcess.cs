using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Tessera.Orchestrations.Application;

namespace Tessera.Local.Tests.Durable;

/// <summary>
/// <c>tessera serve</c> as a separate process on the embedded default (its own Azurite under the data folder), with
/// an HTTP client that speaks its API.
/// </summary>
internal sealed class ServeProcess : IAsyncDisposable
{
    public const string ApiKey = "crash-test-key-0123456789";

    private ServeProcess(TesseraProcess process, HttpClient http)
    {
        Process = process;
        Http = http;
    }

    public TesseraProcess Process { get; }

    public HttpClient Http { get; }

    public static async Task<ServeProcess> StartAsync(string dataFolder, string taskHub, CancellationToken ct)
    {
        var port = Tessera.Storage.Local.LoopbackPort.Free();
        var process = TesseraProcess.Start(
            new Dictionary<string, string>
            {
                ["TESSERA_LOCAL_DIR"] = dataFolder,
                ["TESSERA_API_KEY"] = ApiKey,
                ["TESSERA_TASK_HUB"] = taskHub,
                ["TESSERA_DURABLE_TUNING"] = "tests",
                ["TESSERA_STORAGE_CONNECTION_STRING"] = string.Empty,
            },
            "serve", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Add(ApiRoutes.ApiKeyHeader, ApiKey);
        var serve = new ServeProcess(process, http);
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException("tessera serve exited during start:\n" + process.Output);
            }

            try
            {
                using var ready = await http.GetAsync("health/ready", ct);
                if (ready.StatusCode == HttpStatusCode.OK)
                {
                    return serve;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }

            await Task.Delay(100, ct);
        }
    }

    /// <summary>POST /api/runs; returns the HTTP status.</summary>
    public async Task<HttpStatusCode> StartRunAsync(string runId, string profile, CancellationToken ct)
    {
        using var content = new StringContent($$"""{"profile":"{{profile}}","run_id":"{{runId}}"}""", Encoding.UTF8, "application/json");
        using var response = await Http.PostAsync("api/runs", content, ct);
        return response.StatusCode;
    }

    /// <summary>GET /api/runs/{id}: (HTTP status, run status or null, failure or null).</summary>
    public async Task<(HttpStatusCode Http, string? Status, string? Failure)> GetRunAsync(string runId, CancellationToken ct)
    {
        using var response = await Http.GetAsync("api/runs/" + runId, ct);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            return (response.StatusCode, null, null);
        }

        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
        var root = body.RootElement;
        return (response.StatusCode, root.GetProperty("status").GetString(), root.TryGetProperty("failure", out var f) && f.ValueKind == JsonValueKind.String ? f.GetString() : null);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Process.DisposeAsync();
    }
}
