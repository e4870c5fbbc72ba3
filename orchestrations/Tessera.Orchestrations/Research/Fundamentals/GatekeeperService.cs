using System.Globalization;
using Tessera.Core.Errors;
using Tessera.Core.Fundamentals;
using Tessera.Trading.Events;

namespace Tessera.Orchestrations.Research.Fundamentals;

/// <summary>A gatekeeper run: the domain's result and the rejected_tickers file it was appended to.</summary>
public sealed record GatekeeperRunOutcome(GatekeeperResult Result, int Checked, string RejectedFile);

/// <summary>
/// <c>tessera fundamentals check DIR</c>: runs the FundamentalGatekeeper over a folder of SEC companyfacts files
/// (TICKER.json; the file name is the ticker, since a companyfacts file names only the CIK and the entity), appends
/// the rejections to rejected_tickers/YYYY-MM-DD.jsonl and the run to gatekeeper_runs/, then publishes one
/// TICKER_REJECTED per rejection. The whole batch is decided in memory before anything is written.
/// </summary>
public sealed class GatekeeperService(RejectedTickersLog log, ITradingEventPublisher events)
{
    /// <summary>At most this many files per run (one run's rejections must fit one append block).</summary>
    public const int MaxFiles = 10_000;

    /// <summary>The companyfacts files of <paramref name="directory"/> (*.json, sorted by ticker); an oversized file is rejected without reading it.</summary>
    public static (IReadOnlyList<GatekeeperInput> Inputs, IReadOnlyList<TickerRejection> Unread) ReadFolder(string directory)
    {
        if (!Directory.Exists(directory))
        {
            throw new TesseraValidationException("DIR", directory, "must be an existing folder of companyfacts JSON files");
        }

        var files = Directory.GetFiles(directory, "*.json");
        Array.Sort(files, StringComparer.Ordinal);
        if (files.Length == 0)
        {
            throw new TesseraValidationException("DIR", directory, "holds no *.json companyfacts files");
        }

        if (files.Length > MaxFiles)
        {
            throw new TesseraValidationException("DIR", files.Length.ToString(CultureInfo.InvariantCulture) + " files", $"at most {MaxFiles} per run");
        }

        var inputs = new List<GatekeeperInput>(files.Length);
        var unread = new List<TickerRejection>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            var ticker = Path.GetFileNameWithoutExtension(file).ToUpperInvariant();
            if (ticker.Length is 0 or > 32 || ticker.Any(char.IsWhiteSpace) || !seen.Add(ticker))
            {
                throw new TesseraValidationException("DIR", Path.GetFileName(file), "file names must be distinct tickers (TICKER.json, 1-32 characters, no spaces)");
            }

            var length = new FileInfo(file).Length;
            if (length > CompanyFactsReader.MaxBytes)
            {
                unread.Add(new TickerRejection(ticker, RejectionCategory.Malformed, "companyfacts", $"file of {length} bytes exceeds {CompanyFactsReader.MaxBytes}"));
                continue;
            }

            inputs.Add(new GatekeeperInput(ticker, File.ReadAllBytes(file)));
        }

        return (inputs, unread);
    }

    public async Task<GatekeeperRunOutcome> RunAsync(IReadOnlyList<GatekeeperInput> inputs, IReadOnlyList<TickerRejection> unread, DateOnly asOf, DateTimeOffset checkedAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(unread);
        var domain = FundamentalGatekeeper.Run(inputs, asOf);
        var rejected = new List<TickerRejection>(unread.Count + domain.Rejected.Count);
        rejected.AddRange(unread);
        rejected.AddRange(domain.Rejected);
        rejected.Sort((a, b) => string.CompareOrdinal(a.Ticker, b.Ticker));
        var result = new GatekeeperResult(domain.Accepted, rejected);
        var checkedTickers = new List<string>(inputs.Count + unread.Count);
        checkedTickers.AddRange(inputs.Select(i => i.Ticker));
        checkedTickers.AddRange(unread.Select(u => u.Ticker));
        checkedTickers.Sort(StringComparer.Ordinal);
        var lines = rejected.Select(r => new RejectedTickerLine(r.Ticker, r.Category, r.Field, r.Reason, checkedAt)).ToList();
        var day = DateOnly.FromDateTime(checkedAt.UtcDateTime);
        var file = await log.AppendRunAsync(day, new GatekeeperRunLine(checkedAt, asOf, checkedTickers, result.Accepted.Count, rejected.Count), lines, cancellationToken).ConfigureAwait(false);
        foreach (var r in rejected)
        {
            events.Publish(ResearchEvents.TickerRejected(r));
        }

        return new GatekeeperRunOutcome(result, checkedTickers.Count, file);
    }
}
