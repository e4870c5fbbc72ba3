using System.Text;
using System.Text.Json;
using Tessera.Core.Errors;
using Tessera.Core.Fundamentals;
using Tessera.Orchestrations.Research;
using Tessera.Orchestrations.Research.Fundamentals;
using Tessera.Storage.Blobs;
using Tessera.Testing;
using Tessera.Trading.Events;
using Xunit;
using Tessera.Storage.Research;

namespace Tessera.Orchestrations.Tests.Research;

[Collection(AzuriteCollection.Name)]
public sealed class GatekeeperAuditTests(AzuriteFixture azurite) : IDisposable
{
    private static readonly DateOnly AsOf = new(2024, 1, 22);
    private static readonly DateTimeOffset CheckedAt = new(2024, 1, 22, 12, 0, 0, TimeSpan.Zero);
    private readonly string _folder = Directory.CreateTempSubdirectory("companyfacts-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private IBlobStore Blobs(string container) => new OwnContainerBlobStore(new BlobStore(azurite.ConnectionString), container);

    private async Task<string> TextAsync(IBlobStore blobs, string name) =>
        Encoding.UTF8.GetString((await blobs.GetAsync(ResearchStore.Container, name)).Content);

    [Fact]
    public async Task A_folder_run_appends_one_line_per_rejected_ticker_with_category_and_reason_and_publishes_ticker_rejected()
    {
        File.WriteAllText(Path.Combine(_folder, "good.json"), CompanyFactsText.Valid());
        File.WriteAllText(Path.Combine(_folder, "NONI.json"), CompanyFactsText.Valid(withNetIncome: false));
        File.WriteAllText(Path.Combine(_folder, "NAN.json"), CompanyFactsText.Valid(revenue: "\"NaN\""));
        File.WriteAllText(Path.Combine(_folder, "EUR.json"), CompanyFactsText.Valid(revenueUnit: "EUR"));
        File.WriteAllText(Path.Combine(_folder, "notes.txt"), "not a companyfacts file");
        var blobs = Blobs("research-gk-run");
        var events = new RecordingPublisher();
        var (inputs, unread) = GatekeeperService.ReadFolder(_folder);
        var outcome = await new GatekeeperService(new RejectedTickersLog(blobs), events).RunAsync(inputs, unread, AsOf, CheckedAt);

        Assert.Equal(4, outcome.Checked);
        Assert.Equal("GOOD", Assert.Single(outcome.Result.Accepted).Ticker);
        Assert.Equal("rejected_tickers/2024-01-22.jsonl", outcome.RejectedFile);
        var lines = (await TextAsync(blobs, outcome.RejectedFile)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        var parsed = lines.Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(["EUR", "NAN", "NONI"], parsed.Select(p => p.GetProperty("ticker").GetString()));
        Assert.Equal(["wrong_unit", "non_finite", "missing_fact"], parsed.Select(p => p.GetProperty("category").GetString()));
        Assert.Equal("NetIncomeLoss", parsed[2].GetProperty("field").GetString());
        Assert.All(parsed, p => Assert.False(string.IsNullOrEmpty(p.GetProperty("reason").GetString())));

        Assert.Equal(3, events.Events.Count);
        Assert.All(events.Events, e => Assert.Equal(EventCodes.TickerRejected, e.Code));
        Assert.Equal("NONI", events.Events[2].Fields[EventFields.Ticker]);
        Assert.Equal("missing_fact", events.Events[2].Fields[EventFields.RejectionCategory]);
        Assert.StartsWith("NetIncomeLoss: ", (string)events.Events[2].Fields[EventFields.RejectionReason]!, StringComparison.Ordinal);

        var log = new RejectedTickersLog(blobs);
        Assert.Equal(["EUR", "GOOD", "NAN", "NONI"], await log.ReadCheckedAsync(new DateOnly(2024, 1, 22)));
    }

    [Fact]
    public async Task A_second_run_on_the_same_day_appends_and_its_line_supersedes_the_earlier_one_for_that_ticker()
    {
        var blobs = Blobs("research-gk-append");
        var log = new RejectedTickersLog(blobs);
        var day = new DateOnly(2024, 1, 22);
        await log.AppendRunAsync(day, new GatekeeperRunLine(CheckedAt, AsOf, ["A", "B"], 0, 2), [new("A", RejectionCategory.MissingFact, "f", "first", CheckedAt), new("B", RejectionCategory.NonFinite, "g", "first", CheckedAt)]);
        await log.AppendRunAsync(day, new GatekeeperRunLine(CheckedAt.AddHours(1), AsOf, ["A", "C"], 1, 1), [new("A", RejectionCategory.WrongUnit, "f", "second", CheckedAt.AddHours(1))]);
        Assert.Equal(3, (await TextAsync(blobs, RejectedTickersLog.RejectedName(day))).Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        var rejections = await log.ReadRejectionsAsync(day);
        Assert.Equal([new TickerRejection("A", RejectionCategory.WrongUnit, "f", "second"), new TickerRejection("B", RejectionCategory.NonFinite, "g", "first")], rejections);
        Assert.Equal(["A", "B", "C"], await log.ReadCheckedAsync(day));
    }

    [Fact]
    public async Task A_run_with_no_rejection_still_leaves_the_days_empty_file()
    {
        File.WriteAllText(Path.Combine(_folder, "GOOD.json"), CompanyFactsText.Valid());
        var blobs = Blobs("research-gk-empty");
        var (inputs, unread) = GatekeeperService.ReadFolder(_folder);
        var outcome = await new GatekeeperService(new RejectedTickersLog(blobs), new RecordingPublisher()).RunAsync(inputs, unread, AsOf, CheckedAt);
        Assert.Empty(outcome.Result.Rejected);
        Assert.Equal(string.Empty, await TextAsync(blobs, outcome.RejectedFile));
        Assert.Equal([new DateOnly(2024, 1, 22)], await new RejectedTickersLog(blobs).DatesAsync());
    }

    [Fact]
    public void A_missing_or_empty_folder_and_duplicate_tickers_are_typed_errors()
    {
        Assert.Equal("DIR", Assert.Throws<TesseraValidationException>(() => GatekeeperService.ReadFolder(Path.Combine(_folder, "nope"))).Field);
        Assert.Equal("DIR", Assert.Throws<TesseraValidationException>(() => GatekeeperService.ReadFolder(_folder)).Field);
        File.WriteAllText(Path.Combine(_folder, "abc.json"), "{}");
        File.WriteAllText(Path.Combine(_folder, "ABC.json"), "{}");
        Assert.Contains("distinct tickers", Assert.Throws<TesseraValidationException>(() => GatekeeperService.ReadFolder(_folder)).Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// Three weeks of files (Jan 5, Jan 12, Jan 22 as of Monday Jan 22), universe 20: A is rejected all three weeks
    /// (persistent), B in two, HOLDCO every week but a known exclusion; week 0 has A, B, C (3 of 20 = 15 %: escalate).
    /// </summary>
    [Fact]
    public async Task The_weekly_audit_counts_categories_escalates_above_ten_percent_and_finds_three_week_persistence()
    {
        var blobs = Blobs("research-audit");
        var log = new RejectedTickersLog(blobs);
        var universe = Enumerable.Range(0, 17).Select(i => "U" + i).Concat(["A", "B", "C"]).ToList();
        async Task Week(int day, params (string Ticker, RejectionCategory Category)[] rejected)
        {
            var at = new DateTimeOffset(2024, 1, day, 12, 0, 0, TimeSpan.Zero);
            await log.AppendRunAsync(new DateOnly(2024, 1, day), new GatekeeperRunLine(at, new DateOnly(2024, 1, day), [.. universe, "HOLDCO"], 0, rejected.Length), [.. rejected.Select(r => new RejectedTickerLine(r.Ticker, r.Category, "f", "r", at))]);
        }

        await Week(5, ("A", RejectionCategory.MissingFact), ("HOLDCO", RejectionCategory.MissingFact));
        await Week(12, ("A", RejectionCategory.MissingFact), ("B", RejectionCategory.NonFinite), ("HOLDCO", RejectionCategory.MissingFact));
        await Week(22, ("A", RejectionCategory.WrongUnit), ("B", RejectionCategory.NonFinite), ("C", RejectionCategory.NonFinite), ("HOLDCO", RejectionCategory.MissingFact));

        var audit = await new FundamentalsAuditService(blobs, log).RunAsync(AsOf, new HashSet<string>(StringComparer.Ordinal) { "HOLDCO" });
        Assert.Equal([new DateOnly(2024, 1, 5), new DateOnly(2024, 1, 12), new DateOnly(2024, 1, 22)], audit.FilesRead);
        var r = audit.Report;
        Assert.Equal(21, r.UniverseSize);
        Assert.Equal(3, r.RejectedTickers);
        Assert.Equal(3.0 / 21, r.RejectedShare, 12);
        Assert.True(r.Escalate);
        Assert.Equal(["A"], r.PersistentTickers);
        Assert.Equal(["HOLDCO"], r.KnownExclusionsSeen);
        Assert.Equal(2, r.CountsByCategory[RejectionCategory.NonFinite]);
        Assert.Equal(1, r.CountsByCategory[RejectionCategory.WrongUnit]);
        var stored = JsonDocument.Parse(await TextAsync(blobs, "audits/fundamentals/2024-01-22.json")).RootElement;
        Assert.True(stored.GetProperty("report").GetProperty("escalate").GetBoolean());
    }

    [Fact]
    public async Task An_audit_without_a_file_in_the_last_seven_days_is_a_typed_error_and_writes_no_report()
    {
        var blobs = Blobs("research-audit-stale");
        var log = new RejectedTickersLog(blobs);
        var at = new DateTimeOffset(2024, 1, 15, 12, 0, 0, TimeSpan.Zero);
        await log.AppendRunAsync(new DateOnly(2024, 1, 15), new GatekeeperRunLine(at, new DateOnly(2024, 1, 15), ["A"], 1, 0), []);
        var e = await Assert.ThrowsAsync<TesseraValidationException>(() => new FundamentalsAuditService(blobs, log).RunAsync(AsOf, new HashSet<string>()));
        Assert.Equal("rejected_tickers", e.Field);
        Assert.Null(await blobs.TryGetPropertiesAsync(ResearchStore.Container, "audits/fundamentals/2024-01-22.json"));
    }

    [Fact]
    public async Task A_corrupt_line_in_a_rejected_tickers_file_is_a_typed_error_naming_file_and_line()
    {
        var blobs = Blobs("research-audit-corrupt");
        await blobs.CreateContainerIfNotExistsAsync(ResearchStore.Container);
        await blobs.PutAsync(ResearchStore.Container, "rejected_tickers/2024-01-22.jsonl", Encoding.UTF8.GetBytes("{\"ticker\":\"A\",\"category\":\"missing_fact\",\"field\":\"f\",\"reason\":\"r\",\"checked_at\":\"2024-01-22T12:00:00Z\"}\n{\"ticker\":\"B\",\"category\":\"bogus\"}\n"));
        var e = await Assert.ThrowsAsync<TesseraValidationException>(() => new RejectedTickersLog(blobs).ReadRejectionsAsync(AsOf));
        Assert.Equal("rejected_tickers/2024-01-22.jsonl line 2", e.Field);
    }
}
