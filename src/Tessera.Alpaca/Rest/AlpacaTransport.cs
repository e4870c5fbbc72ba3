using System.Net.Http.Headers;
using System.Text.Json;
using Tessera.Alpaca.Configuration;
using Tessera.Alpaca.Errors;
using Tessera.Alpaca.Json;

namespace Tessera.Alpaca.Rest;

/// <summary>A response as received: status, body bytes, and the rate-limit reset time when the server sent one.</summary>
internal readonly record struct RawResponse(int Status, byte[] Body, DateTimeOffset? RateLimitReset)
{
    public bool IsSuccess => Status is >= 200 and <= 299;
}

/// <summary>
/// HTTP for both REST clients: authentication headers, the client-side rate limit, a per-request timeout, and two
/// policies. <see cref="SendOnceAsync"/> sends exactly once (order POSTs: a retry could duplicate an order);
/// <see cref="SendIdempotentAsync"/> retries GETs on 429 (after the reset), 5xx and broken connections.
/// </summary>
internal sealed class AlpacaTransport : IDisposable
{
    private readonly HttpClient _http;
    private readonly bool _ownsHttp;
    private readonly AlpacaClientOptions _options;

    public AlpacaTransport(AlpacaClientOptions options, HttpClient? httpClient, ClientRateLimiter? limiter = null)
    {
        _options = options;
        _ownsHttp = httpClient is null;
        _http = httpClient ?? new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5), MaxConnectionsPerServer = 64 });
        _http.Timeout = Timeout.InfiniteTimeSpan;
        Limiter = limiter ?? new ClientRateLimiter(options.RequestsPerMinute, options.TimeProvider);
    }

    public ClientRateLimiter Limiter { get; }

    public AlpacaClientOptions Options => _options;

    public async Task<RawResponse> SendOnceAsync(HttpMethod method, Uri baseUri, string pathAndQuery, byte[]? body, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var route = Route(method, pathAndQuery);
        await Limiter.AcquireAsync(cancellationToken).ConfigureAwait(false);
        using var request = new HttpRequestMessage(method, new Uri(baseUri, pathAndQuery.TrimStart('/')));
        request.Headers.TryAddWithoutValidation("APCA-API-KEY-ID", _options.Credentials.KeyId);
        request.Headers.TryAddWithoutValidation("APCA-API-SECRET-KEY", _options.Credentials.SecretKey);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }

        using var timeoutCts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutCts.CancelAfter(timeout);
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, timeoutCts.Token).ConfigureAwait(false);
            var bytes = await response.Content.ReadAsByteArrayAsync(timeoutCts.Token).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            Limiter.Observe(response.Headers, status);
            return new RawResponse(status, bytes, ClientRateLimiter.ResetTime(response.Headers));
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new AlpacaTransportException(route, $"timed out after {timeout.TotalMilliseconds:F0} ms", ex);
        }
        catch (HttpRequestException ex)
        {
            // The message of HttpRequestException names the host, never the headers; keep only its first line.
            throw new AlpacaTransportException(route, "connection failed: " + FirstLine(ex.Message), ex);
        }
    }

    /// <summary>For requests that change nothing (or are safe to repeat): retries 429 after the reset, 5xx and transport failures.</summary>
    public async Task<RawResponse> SendIdempotentAsync(HttpMethod method, Uri baseUri, string pathAndQuery, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var delay = TimeSpan.FromMilliseconds(50);
        for (var attempt = 0; ; attempt++)
        {
            var last = attempt >= _options.IdempotentRetries;
            try
            {
                var response = await SendOnceAsync(method, baseUri, pathAndQuery, null, timeout, cancellationToken).ConfigureAwait(false);
                var retryable = response.Status == 429 || response.Status >= 500;
                if (!retryable || last)
                {
                    return response;
                }
            }
            catch (AlpacaTransportException) when (!last)
            {
                // Fall through to the backoff; the rate limiter already waits out a 429 before the next attempt.
            }

            await Task.Delay(delay, _options.TimeProvider, cancellationToken).ConfigureAwait(false);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(5).Ticks));
        }
    }

    public static T Parse<T>(RawResponse response, string route)
    {
        if (!response.IsSuccess)
        {
            throw AlpacaErrorParser.Parse(response.Status, response.Body, route, response.RateLimitReset);
        }

        try
        {
            return JsonSerializer.Deserialize<T>(response.Body, AlpacaJson.Options)
                ?? throw new AlpacaProtocolException(route, "$", "is null");
        }
        catch (JsonException ex)
        {
            throw new AlpacaProtocolException(route, ex.Path ?? "$", "is not the documented shape: " + FirstLine(ex.Message), ex);
        }
    }

    public static string Route(HttpMethod method, string pathAndQuery)
    {
        var q = pathAndQuery.IndexOf('?', StringComparison.Ordinal);
        return method.Method + " /" + (q < 0 ? pathAndQuery : pathAndQuery[..q]).TrimStart('/');
    }

    public void Dispose()
    {
        if (_ownsHttp)
        {
            _http.Dispose();
        }
    }

    private static string FirstLine(string text)
    {
        var nl = text.IndexOf('\n', StringComparison.Ordinal);
        return nl < 0 ? text : text[..nl];
    }
}
