using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Tessera.Trading.Ledger;
using Xunit;

namespace Tessera.Trading.Tests.Ledger;

public sealed class LedgerBlockCodecTests
{
    [Fact]
    public void Line_is_the_documented_canonical_form_and_the_hash_is_sha256_of_it_without_the_hash_member()
    {
        var entry = new LedgerEntry("decision", "PA3TEST01", new DateTimeOffset(2026, 12, 2, 15, 0, 0, TimeSpan.Zero),
            new JsonObject { ["symbol"] = "AAPL", ["qty"] = 10 }, new string('a', 64), "t-1");

        var (line, hash) = LedgerBlockCodec.Encode(0, LedgerBlockCodec.GenesisHash, "e1", entry);

        // Written out by hand from docs/AUDIT-LEDGER.md, hashed with the platform's SHA-256 directly.
        var body = "{\"index\":0,\"prev_hash\":\"" + new string('0', 64) + "\",\"entry_id\":\"e1\",\"kind\":\"decision\"," +
            "\"at\":\"2026-12-02T15:00:00.0000000Z\",\"account\":\"PA3TEST01\",\"trace_id\":\"t-1\",\"config_pin\":\"" + new string('a', 64) + "\"," +
            "\"payload\":{\"symbol\":\"AAPL\",\"qty\":10}";
        var expectedHash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(body + "}")));
        Assert.Equal(expectedHash, hash);
        Assert.Equal(body + ",\"this_hash\":\"" + expectedHash + "\"}\n", Encoding.UTF8.GetString(line));
    }

    [Fact]
    public void Control_characters_and_newlines_in_the_payload_are_escaped_so_a_block_is_one_line()
    {
        var entry = LedgerSamples.Entry(1) with { Payload = new JsonObject { ["note"] = "a\nb\r\u0001\"}" } };

        var (line, _) = LedgerBlockCodec.Encode(0, LedgerBlockCodec.GenesisHash, "e", entry);

        Assert.Equal(1, line.Count(b => b == (byte)'\n'));
        Assert.Equal((byte)'\n', line[^1]);
        Assert.DoesNotContain(line, b => b < 0x20 && b != (byte)'\n');
        var decoded = LedgerBlockCodec.TryDecode(line.AsMemory(0, line.Length - 1), out _);
        Assert.NotNull(decoded);
        Assert.Equal("a\nb\r\u0001\"}", decoded.ToBlock().Entry.Payload["note"]!.GetValue<string>());
    }

    [Fact]
    public void Decode_round_trips_every_member()
    {
        var entry = LedgerSamples.Entry(7);
        var (line, hash) = LedgerBlockCodec.Encode(3, new string('b', 64), "entry-x", entry);

        var block = LedgerBlockCodec.TryDecode(line.AsMemory(0, line.Length - 1), out var error)!.ToBlock();

        Assert.Equal(string.Empty, error);
        Assert.Equal(3, block.Index);
        Assert.Equal(new string('b', 64), block.PreviousHash);
        Assert.Equal(hash, block.Hash);
        Assert.Equal("entry-x", block.EntryId);
        Assert.Equal(entry.Kind, block.Entry.Kind);
        Assert.Equal(entry.AccountId, block.Entry.AccountId);
        Assert.Equal(entry.At, block.Entry.At);
        Assert.Equal(entry.ConfigPin, block.Entry.ConfigPin);
        Assert.Equal(entry.TraceId, block.Entry.TraceId);
        Assert.Equal(entry.Payload.ToJsonString(), block.Entry.Payload.ToJsonString());
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("not json at all, not json at all, not json at all, not json at all, not json at all, not json")]
    public void Lines_that_are_not_blocks_are_refused_with_a_reason(string text)
    {
        var decoded = LedgerBlockCodec.TryDecode(Encoding.UTF8.GetBytes(text), out var error);

        Assert.Null(decoded);
        Assert.NotEmpty(error);
    }

    [Fact]
    public void Members_out_of_order_are_refused_even_with_a_matching_hash()
    {
        var body = "{\"prev_hash\":\"" + new string('0', 64) + "\",\"index\":0,\"entry_id\":\"e\",\"kind\":\"k\",\"at\":\"2026-12-02T15:00:00.0000000Z\"," +
            "\"account\":\"A\",\"trace_id\":\"t\",\"config_pin\":\"" + new string('a', 64) + "\",\"payload\":{}";
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(body + "}")));
        var line = Encoding.UTF8.GetBytes(body + ",\"this_hash\":\"" + hash + "\"}");

        Assert.Null(LedgerBlockCodec.TryDecode(line, out var error));
        Assert.Contains("index", error, StringComparison.Ordinal);
    }
}
