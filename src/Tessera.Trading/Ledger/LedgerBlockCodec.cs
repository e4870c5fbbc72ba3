using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Tessera.Trading.Ledger;

/// <summary>
/// The one place that turns a block into its stored line and back (docs/AUDIT-LEDGER.md, "Canonical form").
/// A line is compact JSON with the members in a fixed order, <c>this_hash</c> last, then '\n':
/// <c>{"index":..,"prev_hash":..,"entry_id":..,"kind":..,"at":..,"account":..,"trace_id":..,"config_pin":..,"payload":{..},"this_hash":".."}</c>.
/// <c>this_hash</c> is SHA-256 (lowercase hex) of the line's own bytes with the <c>,"this_hash":"…"</c> member cut
/// out, i.e. <c>line[..^80] + "}"</c>. Verification never re-serializes anything: it hashes the bytes as stored, so an
/// outsider's script needs no JSON canonicalisation rules, and every byte outside the hash value is covered.
/// </summary>
public static class LedgerBlockCodec
{
    /// <summary>prev_hash of block 0: each day's chain stands alone (days are tied together by their anchors).</summary>
    public static readonly string GenesisHash = new('0', 64);

    /// <summary>Length of the <c>,"this_hash":"&lt;64 hex&gt;"}</c> tail of every line (without the newline).</summary>
    public const int HashTailLength = 80;

    /// <summary>Appends are single blocks; Azure caps an append block at 4 MiB, so a block line must fit.</summary>
    public const int MaxLineBytes = 4 * 1024 * 1024;

    private static readonly byte[] HashMemberPrefix = ",\"this_hash\":\""u8.ToArray();

    private static readonly string[] MemberOrder = ["index", "prev_hash", "entry_id", "kind", "at", "account", "trace_id", "config_pin", "payload", "this_hash"];

    /// <summary>The stored line (with its trailing '\n') and its hash.</summary>
    public static (byte[] Line, string Hash) Encode(long index, string previousHash, string entryId, LedgerEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteNumber("index", index);
            writer.WriteString("prev_hash", previousHash);
            writer.WriteString("entry_id", entryId);
            writer.WriteString("kind", entry.Kind);
            writer.WriteString("at", FormatAt(entry.At));
            writer.WriteString("account", entry.AccountId);
            writer.WriteString("trace_id", entry.TraceId);
            writer.WriteString("config_pin", entry.ConfigPin);
            writer.WritePropertyName("payload");
            entry.Payload.WriteTo(writer);

            // Left open on purpose: the hashed bytes are exactly these plus '}'.
            writer.Flush();
        }

        var body = buffer.WrittenSpan;
        var hash = HashOf(body);
        var line = new byte[body.Length + HashTailLength + 1];
        body.CopyTo(line);
        var at = body.Length;
        HashMemberPrefix.CopyTo(line, at);
        at += HashMemberPrefix.Length;
        for (var i = 0; i < hash.Length; i++)
        {
            line[at++] = (byte)hash[i];
        }

        line[at++] = (byte)'"';
        line[at++] = (byte)'}';
        line[at] = (byte)'\n';
        return (line, hash);
    }

    /// <summary>The instant as stored: UTC, 7 fractional digits, 'Z' (round-trips DateTimeOffset exactly).</summary>
    public static string FormatAt(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    /// <summary>SHA-256 hex of <c>body + "}"</c>.</summary>
    internal static string HashOf(ReadOnlySpan<byte> body)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(body);
        sha.AppendData("}"u8);
        Span<byte> digest = stackalloc byte[32];
        sha.GetHashAndReset(digest);
        return Convert.ToHexStringLower(digest);
    }

    /// <summary>
    /// Decodes one line (without its '\n'). Returns null and an error in words when the line is not a well-formed block;
    /// the hash is recomputed but not compared (that, and the links, are the verifier's job).
    /// </summary>
    public static DecodedBlock? TryDecode(ReadOnlyMemory<byte> line, out string error)
    {
        var span = line.Span;
        if (span.Length <= HashTailLength || !span[^HashTailLength..].StartsWith(HashMemberPrefix) || span[^2] != (byte)'"' || span[^1] != (byte)'}')
        {
            error = "the line does not end with the this_hash member";
            return null;
        }

        if (!System.Text.Unicode.Utf8.IsValid(span))
        {
            error = "the line is not valid UTF-8";
            return null;
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line);
        }
        catch (JsonException)
        {
            error = "the line is not valid JSON";
            return null;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                error = "the line is not a JSON object";
                return null;
            }

            var values = new JsonElement[MemberOrder.Length];
            var count = 0;
            foreach (var member in root.EnumerateObject())
            {
                if (count == MemberOrder.Length || !string.Equals(member.Name, MemberOrder[count], StringComparison.Ordinal))
                {
                    error = $"member {count} must be '{(count < MemberOrder.Length ? MemberOrder[count] : "(none)")}'";
                    return null;
                }

                values[count++] = member.Value;
            }

            if (count != MemberOrder.Length)
            {
                error = $"member '{MemberOrder[count]}' is missing";
                return null;
            }

            if (values[0].ValueKind != JsonValueKind.Number || !values[0].TryGetInt64(out var index) || index < 0)
            {
                error = "index must be a non-negative integer";
                return null;
            }

            for (var i = 1; i < 8; i++)
            {
                if (values[i].ValueKind != JsonValueKind.String)
                {
                    error = $"{MemberOrder[i]} must be a string";
                    return null;
                }
            }

            if (values[8].ValueKind != JsonValueKind.Object || values[9].ValueKind != JsonValueKind.String)
            {
                error = "payload must be an object and this_hash a string";
                return null;
            }

            var previous = values[1].GetString()!;
            var stored = values[9].GetString()!;
            if (!IsLowerHex64(previous) || !IsLowerHex64(stored))
            {
                error = "prev_hash and this_hash must be 64 lowercase hex digits";
                return null;
            }

            var atText = values[4].GetString()!;
            if (!DateTimeOffset.TryParseExact(atText, "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at))
            {
                error = "at must be UTC in the form yyyy-MM-ddTHH:mm:ss.fffffffZ";
                return null;
            }

            error = string.Empty;
            return new DecodedBlock(
                index,
                previous,
                values[2].GetString()!,
                values[3].GetString()!,
                at,
                values[5].GetString()!,
                values[6].GetString()!,
                values[7].GetString()!,
                values[8].GetRawText(),
                stored,
                HashOf(span[..^HashTailLength]));
        }
    }

    private static bool IsLowerHex64(string value)
    {
        if (value.Length != 64)
        {
            return false;
        }

        foreach (var c in value)
        {
            if (!(char.IsAsciiDigit(c) || c is >= 'a' and <= 'f'))
            {
                return false;
            }
        }

        return true;
    }
}

/// <summary>A parsed line: the stored members, the payload as raw JSON text and the hash recomputed from the bytes.</summary>
public sealed record DecodedBlock(
    long Index,
    string PreviousHash,
    string EntryId,
    string Kind,
    DateTimeOffset At,
    string AccountId,
    string TraceId,
    string ConfigPin,
    string PayloadJson,
    string StoredHash,
    string ComputedHash)
{
    public LedgerBlock ToBlock() =>
        new(Index, PreviousHash, new LedgerEntry(Kind, AccountId, At, (JsonObject)JsonNode.Parse(PayloadJson)!, ConfigPin, TraceId), StoredHash) { EntryId = EntryId };
}
