using System.Net;
using System.Text;
using System.Text.Json;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Security.KeyVault.Secrets;

namespace Tessera.Storage.Tests.Configuration.Secrets;

/// <summary>
/// An in-process Key Vault speaking the REST shape SecretClient uses: the bearer challenge (401 with
/// WWW-Authenticate on a request without a token), GET /secrets/{name}/?api-version=... answering 200 with
/// {value, id, attributes} or 404 SecretNotFound, and 403 Forbidden for names marked forbidden. No network.
/// </summary>
internal sealed class FakeKeyVault : HttpMessageHandler
{
    public const string Token = "fake-token-for-tests";

    private readonly Dictionary<string, string> _secrets = new(StringComparer.Ordinal);
    private readonly HashSet<string> _forbidden = new(StringComparer.Ordinal);
    private readonly List<string> _requests = [];

    public static Uri VaultUri { get; } = new("https://tessera-test.vault.azure.net/");

    /// <summary>"GET /secrets/name" lines of the authenticated requests, in order.</summary>
    public IReadOnlyList<string> Requests
    {
        get
        {
            lock (_requests)
            {
                return [.. _requests];
            }
        }
    }

    public FakeKeyVault With(string name, string value)
    {
        _secrets[name] = value;
        return this;
    }

    public FakeKeyVault Forbid(string name)
    {
        _forbidden.Add(name);
        return this;
    }

    public SecretClient Client() => new(VaultUri, new StaticToken(), Options());

    public SecretClientOptions Options()
    {
        var options = new SecretClientOptions { Transport = new HttpClientTransport(new HttpClient(this, disposeHandler: false)) };
        options.Retry.MaxRetries = 0;
        return options;
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Headers.Authorization is null)
        {
            var challenge = new HttpResponseMessage(HttpStatusCode.Unauthorized);
            challenge.Headers.TryAddWithoutValidation("WWW-Authenticate", "Bearer authorization=\"https://login.microsoftonline.com/00000000-0000-0000-0000-000000000000\", resource=\"https://vault.azure.net\"");
            return Task.FromResult(challenge);
        }

        if (request.Headers.Authorization.Scheme != "Bearer" || request.Headers.Authorization.Parameter != Token)
        {
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.Unauthorized));
        }

        var path = request.RequestUri!.AbsolutePath;
        lock (_requests)
        {
            _requests.Add(request.Method + " " + path.TrimEnd('/'));
        }

        var parts = path.Trim('/').Split('/');
        if (request.Method != HttpMethod.Get || parts.Length < 2 || parts[0] != "secrets" || !request.RequestUri.Query.Contains("api-version=", StringComparison.Ordinal))
        {
            return Task.FromResult(Json(HttpStatusCode.BadRequest, new { error = new { code = "BadParameter", message = "unsupported request" } }));
        }

        var name = parts[1];
        if (_forbidden.Contains(name))
        {
            return Task.FromResult(Json(HttpStatusCode.Forbidden, new { error = new { code = "Forbidden", message = "Caller is not authorized to perform action on resource.", innererror = new { code = "ForbiddenByRbac" } } }));
        }

        return Task.FromResult(_secrets.TryGetValue(name, out var value)
            ? Json(HttpStatusCode.OK, new { value, id = $"{VaultUri.AbsoluteUri}secrets/{name}/0123456789abcdef", attributes = new { enabled = true, created = 1764633600, updated = 1764633600, recoveryLevel = "Recoverable+Purgeable" } })
            : Json(HttpStatusCode.NotFound, new { error = new { code = "SecretNotFound", message = $"A secret with (name/id) {name} was not found in this key vault." } }));
    }

    private static HttpResponseMessage Json(HttpStatusCode status, object body) =>
        new(status) { Content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json") };

    private sealed class StaticToken : TokenCredential
    {
        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            new(Token, DateTimeOffset.UtcNow.AddHours(1));

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            ValueTask.FromResult(GetToken(requestContext, cancellationToken));
    }
}
