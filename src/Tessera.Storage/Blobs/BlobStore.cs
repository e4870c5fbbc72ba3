using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Azure;
using Azure.Core;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using Tessera.Core.Errors;
using Tessera.Storage.Configuration;
using Tessera.Storage.Errors;
using SdkBlobProperties = Azure.Storage.Blobs.Models.BlobProperties;

namespace Tessera.Storage.Blobs;

/// <summary>
/// <see cref="IBlobStore"/> over Azure.Storage.Blobs (<see cref="BlobServiceClient"/>): the same client for Azurite and
/// Azure. Adds what is Tessera's own: name validation before any request, the write conditions the domain needs
/// (create-only, compare-and-swap by ETag, append at a position), and typed errors (<see cref="StorageFailures"/>).
/// </summary>
public sealed class BlobStore : IBlobStore
{
    private const string DefaultContentType = "application/octet-stream";

    // Retried by the SDK's policy, and a single attempt for the writes a retry could misreport (StorageClients).
    private readonly BlobServiceClient _retrying;
    private readonly BlobServiceClient _once;

    /// <summary>From a connection string: an account's, Azurite's (AzuriteLauncher.ConnectionString) or <c>UseDevelopmentStorage=true</c>.</summary>
    public BlobStore(string connectionString, StorageRetrySettings? retry = null)
    {
        (_retrying, _once) = StorageClients.Blobs(connectionString, retry);
    }

    /// <summary>Token auth (managed identity) for a Blob service URI such as https://acct.blob.core.windows.net.</summary>
    public BlobStore(Uri serviceUri, TokenCredential credential, StorageRetrySettings? retry = null)
    {
        (_retrying, _once) = StorageClients.Blobs(serviceUri, credential, retry);
    }

    /// <summary>The Blob service root (no credentials in it).</summary>
    public Uri Endpoint => _retrying.Uri;

    public async Task CreateContainerIfNotExistsAsync(string container, CancellationToken cancellationToken = default)
    {
        BlobNames.ValidateContainer(container);
        try
        {
            await _retrying.GetBlobContainerClient(container).CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (StorageFailures.IsStorageFailure(e, cancellationToken))
        {
            throw StorageFailures.Translate(e, Endpoint, $"create container '{container}'");
        }
    }

    public async Task<string> PutAsync(string container, string name, ReadOnlyMemory<byte> content, BlobWriteCondition condition = default, string? contentType = null, CancellationToken cancellationToken = default)
    {
        ValidateNames(container, name);
        if (condition.IfNoneExists && condition.IfMatchETag is not null)
        {
            throw new TesseraValidationException("condition", condition.ToString(), "create-only and If-Match cannot be combined");
        }

        var client = (condition.IfNoneExists ? _once : _retrying).GetBlobContainerClient(container).GetBlockBlobClient(name);
        var options = new BlobUploadOptions
        {
            HttpHeaders = new BlobHttpHeaders { ContentType = contentType ?? DefaultContentType },
            Conditions = condition.IfNoneExists
                ? new BlobRequestConditions { IfNoneMatch = ETag.All }
                : condition.IfMatchETag is { } etag ? new BlobRequestConditions { IfMatch = new ETag(BlobETag.Normalize(etag)) } : null,
        };
        try
        {
            using var stream = BinaryData.FromBytes(content).ToStream();
            var response = await client.UploadAsync(stream, options, cancellationToken).ConfigureAwait(false);
            return ETagOf(response.Value.ETag);
        }
        catch (Exception e) when (StorageFailures.IsStorageFailure(e, cancellationToken))
        {
            throw CreateOnlyAware(StorageFailures.Translate(e, Endpoint, $"put blob '{container}/{name}'"), condition.IfNoneExists);
        }
    }

    public async Task<BlobDownload> GetAsync(string container, string name, BlobRange? range = null, CancellationToken cancellationToken = default)
    {
        ValidateNames(container, name);
        var options = new BlobDownloadOptions();
        if (range is { } r)
        {
            options.Range = ToHttpRange(r);
        }

        try
        {
            var result = (await _retrying.GetBlobContainerClient(container).GetBlobClient(name).DownloadContentAsync(options, cancellationToken).ConfigureAwait(false)).Value;
            var content = ToArray(result.Content);
            var details = result.Details;
            var properties = new BlobProperties(name, TotalLength(details.ContentRange, content.LongLength), ETagOf(details.ETag), details.LastModified, details.ContentType, BlobTypeName(details.BlobType));
            return new BlobDownload(content, properties);
        }
        catch (Exception e) when (StorageFailures.IsStorageFailure(e, cancellationToken))
        {
            throw StorageFailures.Translate(e, Endpoint, $"get blob '{container}/{name}'");
        }
    }

    public async Task<BlobProperties?> TryGetPropertiesAsync(string container, string name, CancellationToken cancellationToken = default)
    {
        ValidateNames(container, name);
        try
        {
            SdkBlobProperties p = await _retrying.GetBlobContainerClient(container).GetBlobClient(name).GetPropertiesAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            return new BlobProperties(name, p.ContentLength, ETagOf(p.ETag), p.LastModified, p.ContentType, BlobTypeName(p.BlobType));
        }
        catch (RequestFailedException e) when (IsBlobNotFound(e))
        {
            return null;
        }
        catch (Exception e) when (StorageFailures.IsStorageFailure(e, cancellationToken))
        {
            throw StorageFailures.Translate(e, Endpoint, $"get properties of blob '{container}/{name}'");
        }
    }

    public async Task<BlobListPage> ListPageAsync(string container, string? prefix, string? marker, int maxResults = 5000, CancellationToken cancellationToken = default)
    {
        BlobNames.ValidateContainer(container);
        if (maxResults is < 1 or > 5000)
        {
            throw new TesseraValidationException("maxResults", maxResults.ToString(CultureInfo.InvariantCulture), "must be 1-5000");
        }

        try
        {
            var pages = Pages(container, prefix, string.IsNullOrEmpty(marker) ? null : marker, maxResults, cancellationToken);
            await foreach (var page in pages.ConfigureAwait(false))
            {
                return new BlobListPage(page.Values.Select(ToProperties).ToList(), string.IsNullOrEmpty(page.ContinuationToken) ? null : page.ContinuationToken);
            }

            return new BlobListPage([], null);
        }
        catch (Exception e) when (StorageFailures.IsStorageFailure(e, cancellationToken))
        {
            throw StorageFailures.Translate(e, Endpoint, $"list blobs in '{container}'");
        }
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
        var conditions = ifMatchETag is null ? null : new BlobRequestConditions { IfMatch = new ETag(BlobETag.Normalize(ifMatchETag)) };
        try
        {
            await _retrying.GetBlobContainerClient(container).GetBlobClient(name).DeleteAsync(DeleteSnapshotsOption.None, conditions, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException e) when (IsBlobNotFound(e))
        {
            return false;
        }
        catch (Exception e) when (StorageFailures.IsStorageFailure(e, cancellationToken))
        {
            throw StorageFailures.Translate(e, Endpoint, $"delete blob '{container}/{name}'");
        }
    }

    public async Task<string> CreateAppendBlobAsync(string container, string name, bool createOnly = true, CancellationToken cancellationToken = default)
    {
        ValidateNames(container, name);
        var client = (createOnly ? _once : _retrying).GetBlobContainerClient(container).GetAppendBlobClient(name);
        var options = createOnly ? new AppendBlobCreateOptions { Conditions = new AppendBlobRequestConditions { IfNoneMatch = ETag.All } } : new AppendBlobCreateOptions();
        try
        {
            var response = await client.CreateAsync(options, cancellationToken).ConfigureAwait(false);
            return ETagOf(response.Value.ETag);
        }
        catch (Exception e) when (StorageFailures.IsStorageFailure(e, cancellationToken))
        {
            throw CreateOnlyAware(StorageFailures.Translate(e, Endpoint, $"create append blob '{container}/{name}'"), createOnly);
        }
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

        // With an append position a retried block cannot land twice (the retry fails with 412); without one it could.
        var client = (expectedAppendPosition.HasValue ? _retrying : _once).GetBlobContainerClient(container).GetAppendBlobClient(name);
        var options = new AppendBlobAppendBlockOptions();
        if (expectedAppendPosition is { } position)
        {
            options.Conditions = new AppendBlobRequestConditions { IfAppendPositionEqual = position };
        }

        try
        {
            using var stream = BinaryData.FromBytes(block).ToStream();
            var response = await client.AppendBlockAsync(stream, options, cancellationToken).ConfigureAwait(false);
            return long.Parse(response.Value.BlobAppendOffset, NumberStyles.None, CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (StorageFailures.IsStorageFailure(e, cancellationToken))
        {
            throw StorageFailures.Translate(e, Endpoint, $"append block to '{container}/{name}'");
        }
    }

    private IAsyncEnumerable<Page<BlobItem>> Pages(string container, string? prefix, string? marker, int maxResults, CancellationToken cancellationToken) =>
        _retrying.GetBlobContainerClient(container)
            .GetBlobsAsync(new GetBlobsOptions { Prefix = string.IsNullOrEmpty(prefix) ? null : prefix }, cancellationToken)
            .AsPages(marker, maxResults);

    private static void ValidateNames(string container, string name)
    {
        BlobNames.ValidateContainer(container);
        BlobNames.ValidateBlobName(name);
    }

    // A missing blob is an answer (null / false); a missing container stays StorageNotFoundException (ContainerNotFound).
    private static bool IsBlobNotFound(RequestFailedException e) =>
        e.Status == 404 && !string.Equals(e.ErrorCode, BlobErrorCode.ContainerNotFound.ToString(), StringComparison.Ordinal);

    // A create-only write that finds the blob present is a conflict, whichever of 409/412 the service uses.
    private static StorageRequestException CreateOnlyAware(StorageRequestException error, bool createOnly) =>
        createOnly && error is StoragePreconditionFailedException
            ? new StorageConflictException(error.Status, error.ErrorCode, error.Message, error.InnerException)
            : error;

    private static HttpRange ToHttpRange(BlobRange range)
    {
        if (range.Offset < 0)
        {
            throw new TesseraValidationException("range.Offset", range.Offset.ToString(CultureInfo.InvariantCulture), "must be >= 0");
        }

        if (range.Length is <= 0)
        {
            throw new TesseraValidationException("range.Length", range.Length.Value.ToString(CultureInfo.InvariantCulture), "must be > 0 (null = to the end)");
        }

        return new HttpRange(range.Offset, range.Length);
    }

    private static BlobProperties ToProperties(BlobItem item) => new(
        item.Name,
        item.Properties.ContentLength ?? 0,
        item.Properties.ETag is { } etag ? ETagOf(etag) : string.Empty,
        item.Properties.LastModified ?? default,
        string.IsNullOrEmpty(item.Properties.ContentType) ? null : item.Properties.ContentType,
        BlobTypeName(item.Properties.BlobType));

    private static string ETagOf(ETag etag) => BlobETag.Normalize(etag.ToString());

    private static string BlobTypeName(BlobType? type) => type switch
    {
        BlobType.Append => "AppendBlob",
        BlobType.Page => "PageBlob",
        _ => "BlockBlob",
    };

    // The downloaded bytes without a second copy when the SDK's buffer is exactly the content.
    private static byte[] ToArray(BinaryData data)
    {
        var memory = data.ToMemory();
        return MemoryMarshal.TryGetArray(memory, out var segment) && segment.Array is { } array && segment.Offset == 0 && segment.Count == array.Length
            ? array
            : memory.ToArray();
    }

    /// <summary>Whole-blob length: from Content-Range ("bytes 0-9/100") on ranged reads, else the body length.</summary>
    private static long TotalLength(string? contentRange, long bodyLength)
    {
        if (contentRange is not null)
        {
            var slash = contentRange.LastIndexOf('/');
            if (slash >= 0 && long.TryParse(contentRange.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var total))
            {
                return total;
            }
        }

        return bodyLength;
    }
}
