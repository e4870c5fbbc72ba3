using System.Buffers;
using System.Globalization;
using Microsoft.DurableTask.Client;
using Tessera.Core.Errors;

namespace Tessera.Orchestrations.Application.Listing;

/// <summary>
/// One page of <c>GET /api/runs?pageSize=&amp;continuationToken=&amp;status=</c> and <c>tessera runs --page-size
/// --continuation --status</c>: both hosts and the CLI parse their strings here, so they accept and refuse the same.
/// </summary>
/// <param name="ContinuationToken">the runtime's token (unwrapped from the one Tessera issued: <see cref="RunPageToken"/>); null = first page.</param>
public sealed record RunPageRequest(int PageSize, string? ContinuationToken, OrchestrationRuntimeStatus? Status)
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 1000;

    /// <summary>Tokens are short; anything longer, or outside base64url and '.', is refused unread.</summary>
    public const int MaxTokenLength = 2048;

    private static readonly SearchValues<char> TokenChars =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-.");

    public static RunPageRequest Default { get; } = new(DefaultPageSize, null, null);

    /// <summary>Parses the raw strings (null = not given); every refusal is a TesseraValidationException naming the field.</summary>
    public static RunPageRequest Parse(string? pageSize, string? continuationToken, string? status) =>
        new(ParsePageSize(pageSize), ParseToken(continuationToken), ParseStatus(status));

    public static int ParsePageSize(string? value)
    {
        if (value is null)
        {
            return DefaultPageSize;
        }

        if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var size) || size is < 1 or > MaxPageSize)
        {
            throw new TesseraValidationException("pageSize", value, $"must be a whole number from 1 to {MaxPageSize}");
        }

        return size;
    }

    public static string? ParseToken(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        if (value.Length > MaxTokenLength || value.AsSpan().IndexOfAnyExcept(TokenChars) >= 0)
        {
            throw RunPageToken.Refused(value);
        }

        return RunPageToken.Unwrap(value);
    }

    public static OrchestrationRuntimeStatus? ParseStatus(string? value)
    {
        if (value is null)
        {
            return null;
        }

        foreach (var status in Statuses)
        {
            if (string.Equals(RunService.StatusName(status), value, StringComparison.OrdinalIgnoreCase))
            {
                return status;
            }
        }

        throw new TesseraValidationException("status", value, "must be one of " + string.Join(", ", Statuses.Select(RunService.StatusName)));
    }

    private static readonly OrchestrationRuntimeStatus[] Statuses =
    [
        OrchestrationRuntimeStatus.Pending, OrchestrationRuntimeStatus.Running, OrchestrationRuntimeStatus.Completed,
        OrchestrationRuntimeStatus.Failed, OrchestrationRuntimeStatus.Terminated, OrchestrationRuntimeStatus.Suspended,
    ];
}

/// <summary>A page of runs; <see cref="ContinuationToken"/> (a <see cref="RunPageToken"/>) is null on the last page.</summary>
public sealed record RunPage(IReadOnlyList<RunStatusView> Runs, string? ContinuationToken);
