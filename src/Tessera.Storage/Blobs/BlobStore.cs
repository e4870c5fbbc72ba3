using System.Globalization;
using System.Runtime.CompilerServices;
using Azure;
using Azure.Core;
using Tessera.Core.Errors;
using Tessera.Storage.Configuration;
using Tessera.Storage.Errors;
using Tessera.Storage.Pipeline;

namespace Tessera.Storage.Blobs;

/// <summary>
/// Blob REST client over an Azure.Core pipeline (Shared Key or bearer token). Same code for Azurite (path-style
/// endpoint http://127.0.0.1:port/devstoreaccount1) and Azure (https://account.blob.core.windows.net).
/// </summary>
public sealed class BlobStore : IBlobStore
{
    private static readonly RequestMethod Head = RequestMethod.Head;
    private readonly StorageTransport _transport;

    public BlobStore(StorageTransport transport)
    {
        ArgumentNullException.ThrowIfNull(transport);
        _transport = transport;
    }

    /// <summary>Shared Key client for the Blob endpoint of a connection string.</summary>
    public BlobStore(string connectionString, StorageClientOptions? options = null)
        : this(FromConnectionString(StorageConnectionString.Parse(connectionString), options))
    {
    }

    /// <summary>Bearer-token client (managed identity) for a Blob service URI such as https://acct.blob.core.windows.net.</summary>
    public BlobStore(Uri serviceUri, TokenCredential credential, StorageClientOptions? options = null)
        : this(new StorageTransport(StoragePipeline.CreateBearer(StorageServiceKind.Blob, credential, options), ServiceEndpoint.ForBearerToken(serviceUri, "blobServiceUri")))
    {
    }

    public Uri Endpoint => _transport.Endpoint;

    public static StorageTransport FromConnectionString(StorageConnectionString connection, StorageClientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return new StorageTransport(StoragePipeline.CreateSharedKey(StorageServiceKind.Blob, connection.Credential, options), connection.BlobEndpoint);
    }

    public async Task CreateContainerIfNotExistsAsync(string container, CancellationToken cancellationToken = default)
    {
        BlobNames.ValidateContainer(container);
        using var message = _transport.CreateMessage(RequestMethod.Put, "/" + container, idempotent: true);
        message.Request.Uri.AppendQuery("restype", "container");
        var response = await _transport.SendAsync(message, cancellationToken).ConfigureAwait(false);
        if (response.Status is 201 or 409 && !IsErrorCode(response, "ContainerBeingDeleted"))
        {
            return;
        }

        throw StorageErrors.FromResponse(response, $"create container '{container}'");
    }

    public async Task<string> PutAsync(string container, string name, ReadOnlyMemory<byte> content, BlobWriteCondition condition = default, string? contentType = null, CancellationToken cancellationToken = default)
    {
        ValidateNames(container, name);
        if (condition.IfNoneExists && condition.IfMatchETag is not null)
        {
            throw new TesseraValidationException("condition", condition.ToString(), "create-only and If-Match cannot be combined");
        }

        // Unconditional and If-Match puts may be retried; create-only may not (a lost 201 would come back as a conflict).
        using var message = _transport.CreateMessage(RequestMethod.Put, BlobNames.EscapedPath(container, name), idempotent: !condition.IfNoneExists);
        var request = message.Request;
        request.Headers.SetValue("x-ms-blob-type", "BlockBlob");
        request.Headers.SetValue("Content-Type", contentType ?? "application/octet-stream");
        ApplyCondition(request, condition);
        request.Content = RequestContent.Create(content);
        var response = await _transport.SendAsync(message, cancellationToken).ConfigureAwait(false);
        if (response.Status == 201)
        {
            return ETagOf(response);
        }

        throw CreateOnlyAware(response, condition.IfNoneExists, $"put blob '{container}/{name}'");
    }

    public async Task<BlobDownload> GetAsync(string container, string name, BlobRange? range = null, CancellationToken cancellationToken = default)
    {
        ValidateNames(container, name);
        using var message = _transport.CreateMessage(RequestMethod.Get, BlobNames.EscapedPath(container, name), idempotent: true);
        if (range is { } r)
        {
            message.Request.Headers.SetValue("x-ms-range", RangeHeader(r));
        }

        var response = await _transport.SendAsync(message, cancellationToken).ConfigureAwait(false);
        if (response.Status is not (200 or 206))
        {
            throw StorageErrors.FromResponse(response, $"get blob '{container}/{name}'");
        }

        var content = response.Content.ToArray();
        return new BlobDownload(content, PropertiesOf(name, response, TotalLength(response, content.LongLength)));
    }

    public async Task<BlobProperties?> TryGetPropertiesAsync(string container, string name, CancellationToken cancellationToken = default)
    {
        ValidateNames(container, name);
        using var message = _transport.CreateMessage(Head, BlobNames.EscapedPath(container, name), idempotent: true);
        var response = await _transport.SendAsync(message, cancellationToken).ConfigureAwait(false);
        if (response.Status == 404 && !IsErrorCode(response, "ContainerNotFound"))
        {
            return null;
        }

        if (response.Status != 200)
        {
            throw StorageErrors.FromResponse(response, $"get properties of blob '{container}/{name}'");
        }

        return PropertiesOf(name, response, ContentLengthOf(response));
    }

    public async Task<BlobListPage> ListPageAsync(string container, string? prefix, string? marker, int maxResults = 5000, CancellationToken cancellationToken = default)
    {
        BlobNames.ValidateContainer(container);
        if (maxResults is < 1 or > 5000)
        {
            throw new TesseraValidationException("maxResults", maxResults.ToString(CultureInfo.InvariantCulture), "must be 1-5000");
        }

        using var message = _transport.CreateMessage(RequestMethod.Get, "/" + container, idempotent: true);
        var uri = message.Request.Uri;
        uri.AppendQuery("restype", "container");
        uri.AppendQuery("comp", "list");
        if (!string.IsNullOrEmpty(prefix))
        {
            uri.AppendQuery("prefix", prefix);
        }

        if (!string.IsNullOrEmpty(marker))
        {
            uri.AppendQuery("marker", marker);
        }

        uri.AppendQuery("maxresults", maxResults.ToString(CultureInfo.InvariantCulture));
        var response = await _transport.SendAsync(message, cancellationToken).ConfigureAwait(false);
        if (response.Status != 200)
        {
            throw StorageErrors.FromResponse(response, $"list blobs in '{container}'");
        }

        return BlobListXml.Parse(response.Content.ToString());
    }

    public async IAsyncEnumerable<BlobProperties> ListAsync(string container, string? prefix, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        string? marker = null;
        do
        {
            var page = await ListPageAsync(container, prefix, marker, 5000, cancellationToken).ConfigureAwait(false);
            foreach (var item in page.Items)
            {
                yield return item;
            }

            marker = page.NextMarker;
        }
        while (marker is not null);
    }

    public async Task<bool> DeleteAsync(string container, string name, string? ifMatchETag = null, CancellationToken cancellationToken = default)
    {
        ValidateNames(container, name);
        using var message = _transport.CreateMessage(RequestMethod.Delete, BlobNames.EscapedPath(container, name), idempotent: true);
        if (ifMatchETag is not null)
        {
            message.Request.Headers.SetValue("If-Match", BlobETag.Normalize(ifMatchETag));
        }

        var response = await _transport.SendAsync(message, cancellationToken).ConfigureAwait(false);
        return response.Status switch
        {
            202 or 200 => true,
            404 when !IsErrorCode(response, "ContainerNotFound") => false,
            _ => throw StorageErrors.FromResponse(response, $"delete blob '{container}/{name}'"),
        };
    }

    public async Task<string> CreateAppendBlobAsync(string container, string name, bool createOnly = true, CancellationToken cancellationToken = default)
    {
        ValidateNames(container, name);
        using var message = _transport.CreateMessage(RequestMethod.Put, BlobNames.EscapedPath(container, name), idempotent: !createOnly);
        var request = message.Request;
        request.Headers.SetValue("x-ms-blob-type", "AppendBlob");
        if (createOnly)
        {
            request.Headers.SetValue("If-None-Match", "*");
        }

        request.Content = RequestContent.Create(ReadOnlyMemory<byte>.Empty);
        var response = await _transport.SendAsync(message, cancellationToken).ConfigureAwait(false);
        if (response.Status == 201)
        {
            return ETagOf(response);
        }

        throw CreateOnlyAware(response, createOnly, $"create append blob '{container}/{name}'");
    }

    public async Task<long> AppendBlockAsync(string container, string name, ReadOnlyMemory<byte> block, long? expectedAppendPosition = null, CancellationToken cancellationToken = default)
    {
        ValidateNames(container, name);
        if (block.IsEmpty)
        {
            throw new TesseraValidationException("block", "0 bytes", "an appended block must not be empty");
        }

        if (expectedAppendPosition is < 0)
        {
            throw new TesseraValidationException("expectedAppendPosition", expectedAppendPosition.Value.ToString(CultureInfo.InvariantCulture), "must be >= 0");
        }

        // With an append position a retry cannot duplicate the block (it fails with 412 instead); without one it could.
        using var message = _transport.CreateMessage(RequestMethod.Put, BlobNames.EscapedPath(container, name), idempotent: expectedAppendPosition.HasValue);
        message.Request.Uri.AppendQuery("comp", "appendblock");
        if (expectedAppendPosition is { } position)
        {
            message.Request.Headers.SetValue("x-ms-blob-condition-appendpos", position.ToString(CultureInfo.InvariantCulture));
        }

        message.Request.Content = RequestContent.Create(block);
        var response = await _transport.SendAsync(message, cancellationToken).ConfigureAwait(false);
        if (response.Status != 201)
        {
            throw StorageErrors.FromResponse(response, $"append block to '{container}/{name}'");
        }

        return response.Headers.TryGetValue("x-ms-blob-append-offset", out var offset)
            ? long.Parse(offset, CultureInfo.InvariantCulture)
            : throw new StorageRequestException(response.Status, null, $"append block to '{container}/{name}': response has no x-ms-blob-append-offset");
    }

    private static void ValidateNames(string container, string name)
    {
        BlobNames.ValidateContainer(container);
        BlobNames.ValidateBlobName(name);
    }

    private static void ApplyCondition(Request request, BlobWriteCondition condition)
    {
        if (condition.IfNoneExists)
        {
            request.Headers.SetValue("If-None-Match", "*");
        }
        else if (condition.IfMatchETag is { } etag)
        {
            request.Headers.SetValue("If-Match", BlobETag.Normalize(etag));
        }
    }

    // A create-only write that finds the blob present is a conflict, whichever of 409/412 the service uses.
    private static StorageRequestException CreateOnlyAware(Response response, bool createOnly, string operation)
    {
        var error = StorageErrors.FromResponse(response, operation);
        return createOnly && error is StoragePreconditionFailedException
            ? new StorageConflictException(error.Status, error.ErrorCode, error.Message)
            : error;
    }

    private static string RangeHeader(BlobRange range)
    {
        if (range.Offset < 0)
        {
            throw new TesseraValidationException("range.Offset", range.Offset.ToString(CultureInfo.InvariantCulture), "must be >= 0");
        }

        if (range.Length is { } length)
        {
            if (length <= 0)
            {
                throw new TesseraValidationException("range.Length", length.ToString(CultureInfo.InvariantCulture), "must be > 0 (null = to the end)");
            }

            return FormattableString.Invariant($"bytes={range.Offset}-{range.Offset + length - 1}");
        }

        return FormattableString.Invariant($"bytes={range.Offset}-");
    }

    private static bool IsErrorCode(Response response, string code) =>
        response.Headers.TryGetValue("x-ms-error-code", out var actual) && string.Equals(actual, code, StringComparison.Ordinal);

    private static string ETagOf(Response response) =>
        response.Headers.TryGetValue("ETag", out var etag) ? BlobETag.Normalize(etag) : throw new StorageRequestException(response.Status, null, "blob response has no ETag");

    private static long ContentLengthOf(Response response) =>
        response.Headers.TryGetValue("Content-Length", out var len) ? long.Parse(len, CultureInfo.InvariantCulture) : 0;

    /// <summary>Whole-blob length: from Content-Range ("bytes 0-9/100") on ranged reads, else the body length.</summary>
    private static long TotalLength(Response response, long bodyLength)
    {
        if (response.Headers.TryGetValue("Content-Range", out var contentRange))
        {
            var slash = contentRange.LastIndexOf('/');
            if (slash >= 0 && long.TryParse(contentRange.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var total))
            {
                return total;
            }
        }

        return bodyLength;
    }

    private static BlobProperties PropertiesOf(string name, Response response, long length)
    {
        response.Headers.TryGetValue("Content-Type", out var contentType);
        response.Headers.TryGetValue("x-ms-blob-type", out var blobType);
        var lastModified = response.Headers.TryGetValue("Last-Modified", out var lm)
            ? DateTimeOffset.Parse(lm, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal)
            : default;
        return new BlobProperties(name, length, ETagOf(response), lastModified, contentType, blobType ?? "BlockBlob");
    }
}
