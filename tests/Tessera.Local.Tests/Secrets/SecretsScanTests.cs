using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Tessera.Core.Secrets;
using Tessera.Local.Tests.Durable;
using Xunit;

namespace Tessera.Local.Tests.Secrets;

/// <summary>
/// Secrets never reach output, artifacts or storage: tessera runs a full life cycle on the embedded default (its own
/// Azurite, persisting under TESSERA_LOCAL_DIR) and serves its HTTP API, with canary values for every secret — the API
/// key and the alert webhook in the environment, the Alpaca keys in a .env — then every byte the processes printed
/// and every file they wrote (run artifacts, the embedded storage's blobs, queues and tables, the journal, logs) is
/// searched for the canaries, in UTF-8 and UTF-16. The scanner is shown to find a canary where one is (the .env).
/// </summary>
public sealed partial class SecretsScanTests : IDisposable
{
    private static readonly string Marker = "cnry" + Guid.NewGuid().ToString("N")[..12];
    private static readonly Dictionary<string, string> Canaries = new(StringComparer.Ordinal)
    {
        [TesseraSecrets.ApiKey] = Marker + "-api-key-0123456789",
        [TesseraSecrets.AlpacaKeyId] = Marker + "-PKALPACAKEYID",
        [TesseraSecrets.AlpacaSecretKey] = Marker + "-alpaca-secret-key",
        [TesseraSecrets.AlertWebhookUrl] = "https://hooks.example.test/" + Marker + "-webhook-token",
    };

    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("tessera-secrets-scan-");
    private readonly CancellationTokenSource _deadline = new(TimeSpan.FromMinutes(5));
    private readonly DateTime _started = DateTime.UtcNow.AddSeconds(-1);

    public void Dispose()
    {
        _deadline.Dispose();
        _root.Delete(recursive: true);
    }

    [Fact]
    public async Task A_full_life_cycle_and_the_http_api_leave_no_secret_value_in_output_artifacts_storage_or_logs()
    {
        var localDir = Directory.CreateDirectory(Path.Combine(_root.FullName, "local")).FullName;
        var dotEnv = Path.Combine(_root.FullName, "secrets.env");
        File.WriteAllText(dotEnv, $"""
            # canaries for the secrets scan
            {TesseraSecrets.AlpacaKeyId}={Canaries[TesseraSecrets.AlpacaKeyId]}
            {TesseraSecrets.AlpacaSecretKey}="{Canaries[TesseraSecrets.AlpacaSecretKey]}"
            """);
        var env = new Dictionary<string, string>
        {
            ["TESSERA_LOCAL_DIR"] = localDir,
            ["TESSERA_DURABLE_TUNING"] = "tests",
            [TesseraSecrets.DotEnvVariable] = dotEnv,
            [TesseraSecrets.ApiKey] = Canaries[TesseraSecrets.ApiKey],
            [TesseraSecrets.AlertWebhookUrl] = Canaries[TesseraSecrets.AlertWebhookUrl],
        };
        var output = new StringBuilder();

        // The preflight sees every secret (its report names the .env) ...
        output.AppendLine(await RunToEndAsync(env, 0, "config", "check", "--broker", "alpaca-paper"));
        Assert.Contains($"present  {TesseraSecrets.AlpacaSecretKey} ({dotEnv})", output.ToString(), StringComparison.Ordinal);
        // ... a full life cycle on the embedded default ...
        output.AppendLine(await RunToEndAsync(env, 0, "run", "--profile", "compact", "--run-id", "secrets-scan-1"));
        Assert.True(File.Exists(Path.Combine(localDir, "runs", "secrets-scan-1", "manifest.json")), output.ToString());
        // ... an error path ...
        output.AppendLine(await RunToEndAsync(env, 2, "run", "--profile", "no-such-profile"));
        // ... and the HTTP API: a refused key, an accepted one.
        output.AppendLine(await ServeAndCallAsync(env));

        var printed = output.ToString();
        Assert.Contains("secrets-scan-1", printed, StringComparison.Ordinal);
        foreach (var (name, value) in Canaries)
        {
            Assert.False(printed.Contains(value, StringComparison.Ordinal) || printed.Contains(Marker, StringComparison.Ordinal), $"{name}'s value was printed");
        }

        // Every file the processes wrote: the local folder (runs, embedded Azurite data, journal, api-key, logs) and
        // anything written in the working directory since the test began.
        var files = Directory.EnumerateFiles(localDir, "*", SearchOption.AllDirectories)
            .Concat(Directory.EnumerateFiles(AppContext.BaseDirectory, "*", SearchOption.AllDirectories).Where(f => File.GetLastWriteTimeUtc(f) >= _started))
            .ToArray();
        Assert.True(files.Length >= 10, "scanned " + files.Length + " files");
        Assert.Contains(files, f => f.Contains(Path.Combine("local", "azurite"), StringComparison.Ordinal));
        var hits = files.Where(ContainsMarker).ToArray();
        Assert.True(hits.Length == 0, "secret values found in: " + string.Join(", ", hits));

        // The scanner finds a canary where there is one.
        Assert.True(ContainsMarker(dotEnv));
    }

    private async Task<string> RunToEndAsync(Dictionary<string, string> env, int expectedExit, params string[] args)
    {
        await using var process = TesseraProcess.Start(env, args);
        var code = await process.WaitForExitAsync(_deadline.Token);
        Assert.True(code == expectedExit, $"tessera {string.Join(' ', args)} exited {code}, expected {expectedExit}:\n{process.Output}");
        return process.Output;
    }

    private async Task<string> ServeAndCallAsync(Dictionary<string, string> env)
    {
        await using var serve = TesseraProcess.Start(env, "serve", "--port", "0");
        Uri? address = null;
        while (address is null)
        {
            _deadline.Token.ThrowIfCancellationRequested();
            Assert.False(serve.HasExited, "tessera serve exited:\n" + serve.Output);
            if (ListeningOn().Match(serve.Output) is { Success: true } m)
            {
                address = new Uri(m.Groups[1].Value);
            }
            else
            {
                await Task.Delay(200, _deadline.Token);
            }
        }

        using var http = new HttpClient { BaseAddress = address };
        using (var refused = new HttpRequestMessage(HttpMethod.Get, "api/runs"))
        {
            refused.Headers.Add("x-api-key", Canaries[TesseraSecrets.ApiKey] + "-wrong");
            using var response = await http.SendAsync(refused, _deadline.Token);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.DoesNotContain(Marker, await response.Content.ReadAsStringAsync(_deadline.Token), StringComparison.Ordinal);
        }

        using (var accepted = new HttpRequestMessage(HttpMethod.Get, "api/runs/secrets-scan-1"))
        {
            accepted.Headers.Add("x-api-key", Canaries[TesseraSecrets.ApiKey]);
            using var response = await http.SendAsync(accepted, _deadline.Token);
            var body = await response.Content.ReadAsStringAsync(_deadline.Token);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{response.StatusCode}: {body}\n{serve.Output}");
            Assert.DoesNotContain(Marker, body, StringComparison.Ordinal);
        }

        await serve.KillAsync();
        return serve.Output;
    }

    private static bool ContainsMarker(string file)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(file);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            // A temporary file of another test running beside this one in the test folder, gone since it was listed:
            // this test's processes write under their own local folder, which nothing else deletes.
            return false;
        }

        return bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(Marker)) >= 0
            || bytes.AsSpan().IndexOf(Encoding.Unicode.GetBytes(Marker)) >= 0;
    }

    [GeneratedRegex(@"listening on (http://127\.0\.0\.1:\d+/)")]
    private static partial Regex ListeningOn();
}
