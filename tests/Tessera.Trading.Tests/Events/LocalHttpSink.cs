using System.Collections.Concurrent;
using System.Net;
using Tessera.Storage.Local;

namespace Tessera.Trading.Tests.Events;

/// <summary>A real HTTP server on 127.0.0.1 and a free port that records each request and answers a chosen status; stopped by Dispose.</summary>
internal sealed class LocalHttpSink : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _loop;

    public LocalHttpSink(HttpStatusCode status = HttpStatusCode.OK)
    {
        Status = status;
        Port = LoopbackPort.Free();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    public int Port { get; }

    public HttpStatusCode Status { get; set; }

    public Uri BaseAddress => new($"http://127.0.0.1:{Port}/");

    public ConcurrentQueue<(string Method, string Path, string? Authorization, string ContentType, string Body)> Requests { get; } = new();

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // The loop ends with the listener's disposal exception.
        }
    }

    private async Task LoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            using var reader = new StreamReader(context.Request.InputStream);
            var body = await reader.ReadToEndAsync();
            Requests.Enqueue((context.Request.HttpMethod, context.Request.Url!.AbsolutePath, context.Request.Headers["Authorization"], context.Request.ContentType ?? string.Empty, body));
            context.Response.StatusCode = (int)Status;
            context.Response.Close();
        }
    }
}
