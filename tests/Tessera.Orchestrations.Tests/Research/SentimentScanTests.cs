using Tessera.Core.Errors;
using Tessera.Core.Sentiment;
using Tessera.Orchestrations.Research.Sentiment;
using Tessera.Trading.Events;
using Xunit;

namespace Tessera.Orchestrations.Tests.Research;

public sealed class SentimentScanTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 2, 14, 0, 0, TimeSpan.Zero);

    /// <summary>Lexicon scores: "strong growth" = +1, "results in line" = 0 (no lexicon word), "loss" = -1.</summary>
    private static List<Headline> Baseline(string ticker, int count) =>
        [.. Enumerable.Range(0, count).Select(i => new Headline(ticker, T0.AddHours(i), i % 2 == 0 ? "Strong growth" : "Results in line"))];

    /// <summary>
    /// 60 readings alternating 1, 0: mean 0.5, sample sd = sqrt(60 x 0.25 / 59) = 0.5 sqrt(60/59) = 0.504219...; the 61st
    /// reading "loss" (-1) has z = (-1 - 0.5) / 0.504219 = -2.974895: an exit, published with z and the baseline mean.
    /// </summary>
    [Fact]
    public void The_61st_reading_far_below_the_baseline_is_an_exit_published_with_z_and_the_baseline_mean()
    {
        var headlines = Baseline("AAPL", 60);
        headlines.Add(new Headline("AAPL", T0.AddHours(60), "Quarterly loss"));
        var events = new RecordingPublisher();
        var result = new SentimentScanService(events).Run(headlines, new LexiconSentimentScorer(), new SentimentChangeDetector());
        var aapl = Assert.Single(result.Tickers);
        Assert.Equal(SentimentHistoryStatus.Scored, aapl.Status);
        var expectedZ = -1.5 / (0.5 * Math.Sqrt(60.0 / 59.0));
        Assert.Equal(-2.974895, expectedZ, 6);
        Assert.Equal(expectedZ, aapl.Last.ZScore!.Value, 12);
        var published = Assert.Single(events.Events);
        Assert.Equal(EventCodes.SentimentExitAlert, published.Code);
        Assert.Equal("AAPL", published.Fields[EventFields.Ticker]);
        Assert.Equal(expectedZ, (double)published.Fields[EventFields.ZScore]!, 12);
        Assert.Equal(0.5, (double)published.Fields[EventFields.BaselineMean]!, 15);
        Assert.Equal("2026-01-05T02:00:00Z", published.Fields[EventFields.ReadingDate]);
    }

    /// <summary>Exactly 60 readings: the 60th has only 59 before it, so no z-score ever; 61 readings are the first scored history.</summary>
    [Fact]
    public void Sixty_readings_are_insufficient_history_and_sixty_one_are_scored()
    {
        var sixty = Baseline("MSFT", 59);
        sixty.Add(new Headline("MSFT", T0.AddHours(59), "Huge loss, lawsuit, fraud"));
        var events = new RecordingPublisher();
        var result = new SentimentScanService(events).Run(sixty, new LexiconSentimentScorer(), new SentimentChangeDetector());
        var msft = Assert.Single(result.Tickers);
        Assert.Equal(SentimentHistoryStatus.InsufficientHistory, msft.Status);
        Assert.Null(msft.Last.ZScore);
        Assert.Empty(events.Events);

        var sixtyOne = Baseline("MSFT", 61);
        Assert.Equal(SentimentHistoryStatus.Scored, Assert.Single(new SentimentScanService(events).Run(sixtyOne, new LexiconSentimentScorer(), new SentimentChangeDetector()).Tickers).Status);
    }

    [Fact]
    public void Readings_are_taken_in_timestamp_order_not_file_order_and_tickers_are_independent()
    {
        var headlines = Baseline("AAPL", 60);
        headlines.Reverse();
        headlines.Insert(0, new Headline("AAPL", T0.AddHours(100), "Quarterly loss"));
        headlines.Add(new Headline("TSLA", T0, "Loss"));
        var events = new RecordingPublisher();
        var result = new SentimentScanService(events).Run(headlines, new LexiconSentimentScorer(), new SentimentChangeDetector());
        Assert.Equal(["AAPL", "TSLA"], result.Tickers.Select(t => t.Ticker));
        Assert.Equal(-1.5 / (0.5 * Math.Sqrt(60.0 / 59.0)), result.Tickers[0].Last.ZScore!.Value, 12);
        Assert.Equal(SentimentHistoryStatus.InsufficientHistory, result.Tickers[1].Status);
        Assert.Single(events.Events);
    }

    [Fact]
    public void Csv_and_json_lines_read_the_same_headlines()
    {
        var csv = HeadlineFile.ParseCsv("ticker,timestamp,text\r\naapl,2026-01-02T14:00:00Z,\"Beats, raises guidance\"\r\nMSFT,2026-01-02T09:30:00-05:00,\"Says \"\"no comment\"\"\"\r\n");
        var jsonl = HeadlineFile.ParseJsonLines("{\"ticker\":\"aapl\",\"timestamp\":\"2026-01-02T14:00:00Z\",\"text\":\"Beats, raises guidance\"}\n\n{\"ticker\":\"MSFT\",\"timestamp\":\"2026-01-02T09:30:00-05:00\",\"text\":\"Says \\\"no comment\\\"\"}\n");
        Assert.Equal(csv, jsonl);
        Assert.Equal(new Headline("AAPL", T0, "Beats, raises guidance"), csv[0]);
        Assert.Equal(T0.AddMinutes(30), csv[1].Timestamp);
        Assert.Equal("Says \"no comment\"", csv[1].Text);
    }

    [Theory]
    [InlineData("ticker,timestamp,text\nAAPL,2026-01-02,Beats\n", "line 2: timestamp")]
    [InlineData("ticker,timestamp,text\nAAPL,2026-01-02T14:00:00Z,\n", "line 2: text")]
    [InlineData("ticker,timestamp,text\n,2026-01-02T14:00:00Z,Beats\n", "line 2: ticker")]
    [InlineData("ticker,timestamp,text\nAAPL,2026-01-02T14:00:00Z,Beats,extra\n", "line 2")]
    [InlineData("symbol,time,headline\n", "line 1")]
    public void A_bad_csv_line_is_a_typed_error_naming_line_and_field(string csv, string field)
    {
        Assert.Equal(field, Assert.Throws<TesseraValidationException>(() => HeadlineFile.ParseCsv(csv)).Field);
    }

    [Fact]
    public void A_bad_json_line_is_a_typed_error_naming_the_line()
    {
        Assert.Equal("line 2", Assert.Throws<TesseraValidationException>(() => HeadlineFile.ParseJsonLines("{\"ticker\":\"A\",\"timestamp\":\"2026-01-02T14:00:00Z\",\"text\":\"x\"}\n{not json}\n")).Field);
        Assert.Equal("line 1: timestamp", Assert.Throws<TesseraValidationException>(() => HeadlineFile.ParseJsonLines("{\"ticker\":\"A\",\"timestamp\":\"yesterday\",\"text\":\"x\"}")).Field);
    }
}
