using System.Collections.Frozen;
using System.Reflection;
using Microsoft.AspNetCore.Http;
using Tessera.Orchestrations.Application.Http;

namespace Tessera.Orchestrations.Application.Dashboard;

/// <summary>
/// The browser dashboard (the repository's <c>dashboard/</c> folder, embedded in this assembly at build time) served
/// by both hosts at <c>/dashboard/</c>: the local host (`tessera serve`) and the Function App, so the page a user sees
/// locally is the one Azure serves. The files carry no data and need no key; every call the page makes goes to the
/// keyed API. Only the embedded names are served (no file system path is ever built from the request).
/// </summary>
public static class DashboardFiles
{
    /// <summary>
    /// Scripts and styles from this origin only; inline styles allowed for the report shown in a sandboxed frame (the
    /// report's own CSP forbids script); the API on this origin; the report's blob: frame; nothing else.
    /// </summary>
    public const string ContentSecurityPolicy = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-src blob:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private const string ResourcePrefix = "dashboard/";

    private static readonly FrozenDictionary<string, (byte[] Bytes, string ContentType)> Files = Load();

    /// <summary>The file names served (index.html, app.js, app.css).</summary>
    public static IReadOnlyCollection<string> Names => Files.Keys;

    public static async Task ServeAsync(HttpContext http, string? path)
    {
        ArgumentNullException.ThrowIfNull(http);
        http.Response.Headers.XContentTypeOptions = "nosniff";
        http.Response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
        http.Response.Headers["Referrer-Policy"] = "no-referrer";
        http.Response.Headers.CacheControl = "no-cache";
        var name = string.IsNullOrEmpty(path) ? "index.html" : path;
        if (!Files.TryGetValue(name, out var file))
        {
            await RunsHttpApi.WriteAsync(http, ApiErrors.NotFound("dashboard file")).ConfigureAwait(false);
            return;
        }

        http.Response.StatusCode = StatusCodes.Status200OK;
        http.Response.ContentType = file.ContentType;
        http.Response.ContentLength = file.Bytes.Length;
        await http.Response.Body.WriteAsync(file.Bytes, http.RequestAborted).ConfigureAwait(false);
    }

    private static FrozenDictionary<string, (byte[] Bytes, string ContentType)> Load()
    {
        var assembly = typeof(DashboardFiles).Assembly;
        var files = new Dictionary<string, (byte[], string)>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            if (!resource.StartsWith(ResourcePrefix, StringComparison.Ordinal))
            {
                continue;
            }

            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            var name = resource[ResourcePrefix.Length..];
            files[name] = (copy.ToArray(), ContentTypeOf(name));
        }

        return files.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private static string ContentTypeOf(string name) => Path.GetExtension(name) switch
    {
        ".html" => "text/html; charset=utf-8",
        ".js" => "text/javascript; charset=utf-8",
        ".css" => "text/css; charset=utf-8",
        ".svg" => "image/svg+xml",
        _ => "application/octet-stream",
    };
}
