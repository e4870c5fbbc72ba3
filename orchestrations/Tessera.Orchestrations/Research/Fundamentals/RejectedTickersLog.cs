using System.Globalization;
using System.Text;
using System.Text.Json;
using Tessera.Core.Errors;
using Tessera.Core.Fundamentals;
using Tessera.Storage.Blobs;
using Tessera.Storage.Errors;
using Tessera.Storage.Research;

namespace Tessera.Orchestrations.Research.Fundamentals;

/// <summary>One line of rejected_tickers/YYYY-MM-DD.jsonl.</summary>
public sealed record RejectedTickerLine(string Ticker, RejectionCategory Category, string Field, string Reason, DateTimeOffset CheckedAt);

/// <summary>One line of gatekeeper_runs/YYYY-MM-DD.jsonl: which tickers one gatekeeper run checked (the audit's universe).</summary>
public sealed record GatekeeperRunLine(DateTimeOffset CheckedAt, DateOnly AsOf, IReadOnlyList<string> Checked, int Accepted, int Rejected);

/// <summary>
/// The gatekeeper's audit files in the research container (seed 000 data/rejected_tickers/, JSON Lines, date-stamped):
/// rejected_tickers/YYYY-MM-DD.jsonl gets one line per rejected ticker (ticker, category, field, reason, checked_at),
/// and gatekeeper_runs/YYYY-MM-DD.jsonl one line per run listing the tickers it checked, from which the weekly audit
/// takes the universe size. Both are append blobs: a run appends ALL its lines as ONE block (an append block is
/// atomic: a run is in the file whole or not at all), so several runs on one day add up instead of overwriting. A day
/// with no rejection still gets its (empty) file, so the audit can tell "ran, rejected nothing" from "did not run".
/// </summary>
public sealed class RejectedTickersLog(IBlobStore blobs)
{
    public const string RejectedPrefix = "rejected_tickers/";
    public const string RunsPrefix = "gatekeeper_runs/";

    /// <summary>An append block holds at most 4 MiB; a run's lines must fit in one block to stay atomic.</summary>
    public const int MaxBlockBytes = 4 * 1024 * 1024;

    public static string RejectedName(DateOnly date) => RejectedPrefix + date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + ".jsonl";

    public static string RunName(DateOnly date) => RunsPrefix + date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + ".jsonl";

    public static string CategoryName(RejectionCategory category) => JsonNamingPolicy.SnakeCaseLower.ConvertName(category.ToString());

    /// <summary>Appends a run: its rejections to the day's rejected_tickers file, then its record to gatekeeper_runs.</summary>
    public async Task<string> AppendRunAsync(DateOnly day, GatekeeperRunLine run, IReadOnlyList<RejectedTickerLine> rejections, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(rejections);
        var lines = new StringBuilder();
        foreach (var r in rejections)
        {
            lines.Append(JsonSerializer.Serialize(r, ResearchStore.Json)).Append('\n');
        }

        var rejected = Encoding.UTF8.GetBytes(lines.ToString());
        var record = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(run, ResearchStore.Json) + "\n");
        if (rejected.Length > MaxBlockBytes || record.Length > MaxBlockBytes)
        {
            throw new TesseraValidationException("rejected_tickers", rejected.Length.ToString(CultureInfo.InvariantCulture) + " bytes", $"one run's lines must fit in one {MaxBlockBytes}-byte append block; check fewer tickers per run");
        }

        await blobs.CreateContainerIfNotExistsAsync(ResearchStore.Container, cancellationToken).ConfigureAwait(false);
        var name = RejectedName(day);
        await EnsureAppendBlobAsync(name, cancellationToken).ConfigureAwait(false);
        if (rejected.Length > 0)
        {
            await blobs.AppendBlockAsync(ResearchStore.Container, name, rejected, null, cancellationToken).ConfigureAwait(false);
        }

        await EnsureAppendBlobAsync(RunName(day), cancellationToken).ConfigureAwait(false);
        await blobs.AppendBlockAsync(ResearchStore.Container, RunName(day), record, null, cancellationToken).ConfigureAwait(false);
        return name;
    }

    /// <summary>The dates that have a rejected_tickers file.</summary>
    public async Task<IReadOnlyList<DateOnly>> DatesAsync(CancellationToken cancellationToken = default)
    {
        var dates = new List<DateOnly>();
        try
        {
            await foreach (var blob in blobs.ListAsync(ResearchStore.Container, RejectedPrefix, cancellationToken).ConfigureAwait(false))
            {
                var file = blob.Name[RejectedPrefix.Length..];
                if (file.Length == 16 && file.EndsWith(".jsonl", StringComparison.Ordinal)
                    && DateOnly.TryParseExact(file[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
                {
                    dates.Add(d);
                }
            }
        }
        catch (StorageNotFoundException)
        {
            return dates;
        }

        dates.Sort();
        return dates;
    }

    /// <summary>A day's rejections, the last line per ticker (a later run on the same day supersedes an earlier one).</summary>
    public async Task<IReadOnlyList<TickerRejection>> ReadRejectionsAsync(DateOnly day, CancellationToken cancellationToken = default)
    {
        var name = RejectedName(day);
        var latest = new SortedDictionary<string, TickerRejection>(StringComparer.Ordinal);
        foreach (var (line, number) in await LinesAsync(name, cancellationToken).ConfigureAwait(false))
        {
            var r = Parse<RejectedTickerLine>(line, name, number);
            if (string.IsNullOrWhiteSpace(r.Ticker) || string.IsNullOrEmpty(r.Reason) || !Enum.IsDefined(r.Category))
            {
                throw new TesseraValidationException($"{name} line {number}", line, "a rejection needs ticker, category, field and reason");
            }

            latest[r.Ticker] = new TickerRejection(r.Ticker, r.Category, r.Field ?? string.Empty, r.Reason);
        }

        return [.. latest.Values];
    }

    /// <summary>The tickers the day's gatekeeper runs checked (the universe the audit divides by).</summary>
    public async Task<IReadOnlySet<string>> ReadCheckedAsync(DateOnly day, CancellationToken cancellationToken = default)
    {
        var name = RunName(day);
        var tickers = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var (line, number) in await LinesAsync(name, cancellationToken).ConfigureAwait(false))
        {
            var run = Parse<GatekeeperRunLine>(line, name, number);
            foreach (var t in run.Checked ?? [])
            {
                tickers.Add(t);
            }
        }

        return tickers;
    }

    private async Task EnsureAppendBlobAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            await blobs.CreateAppendBlobAsync(ResearchStore.Container, name, createOnly: true, cancellationToken).ConfigureAwait(false);
        }
        catch (StorageConflictException)
        {
            // The day's file exists: append to it.
        }
    }

    private async Task<List<(string Line, int Number)>> LinesAsync(string name, CancellationToken cancellationToken)
    {
        BlobDownload download;
        try
        {
            download = await blobs.GetAsync(ResearchStore.Container, name, null, cancellationToken).ConfigureAwait(false);
        }
        catch (StorageNotFoundException)
        {
            throw new TesseraValidationException(name, null, "the file does not exist (the gatekeeper did not run that day)");
        }

        var lines = new List<(string, int)>();
        var number = 0;
        foreach (var line in Encoding.UTF8.GetString(download.Content).Split('\n'))
        {
            number++;
            if (line.Length > 0)
            {
                lines.Add((line, number));
            }
        }

        return lines;
    }

    private static T Parse<T>(string line, string name, int number)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(line, ResearchStore.Json) ?? throw new JsonException("null");
        }
        catch (JsonException e)
        {
            throw new TesseraValidationException($"{name} line {number}", line.Length > 80 ? line[..80] + "..." : line, "not a valid line: " + e.Message);
        }
    }
}
