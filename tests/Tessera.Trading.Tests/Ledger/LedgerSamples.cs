using System.Text.Json.Nodes;
using Tessera.Core.Markets;
using Tessera.Trading.Ledger;

namespace Tessera.Trading.Tests.Ledger;

/// <summary>Entries and chains for the ledger tests, built through the codec the ledger itself uses.</summary>
internal static class LedgerSamples
{
    public const string Account = "PA3TEST01";

    public static readonly string Pin = new('a', 64);

    /// <summary>2026-12-02, a Wednesday; 10:00 New York (EST, UTC-5).</summary>
    public static readonly DateOnly Day = new(2026, 12, 2);

    public static DateTimeOffset At(int minute) => UsEastern.At(Day, new TimeOnly(10, 0)).AddMinutes(minute);

    public static LedgerEntry Entry(int n, string account = Account, DateTimeOffset? at = null) =>
        new("decision", account, at ?? At(n), new JsonObject { ["decision_id"] = "DEC_" + n, ["symbol"] = "AAPL", ["qty"] = n }, Pin, "trace-" + n);

    /// <summary>A valid chain of <paramref name="count"/> blocks: the bytes, and each line's start offset and hash.</summary>
    public static (byte[] Bytes, int[] Starts, string[] Hashes) Chain(int count)
    {
        var bytes = new List<byte>();
        var starts = new int[count];
        var hashes = new string[count];
        var previous = LedgerBlockCodec.GenesisHash;
        for (var i = 0; i < count; i++)
        {
            var (line, hash) = LedgerBlockCodec.Encode(i, previous, "entry" + i, Entry(i));
            starts[i] = bytes.Count;
            bytes.AddRange(line);
            hashes[i] = hash;
            previous = hash;
        }

        return (bytes.ToArray(), starts, hashes);
    }

    /// <summary>The lines of a chain (each with its '\n').</summary>
    public static List<byte[]> Lines(byte[] chain)
    {
        var lines = new List<byte[]>();
        var start = 0;
        while (start < chain.Length)
        {
            var end = Array.IndexOf(chain, (byte)'\n', start);
            lines.Add(chain[start..(end + 1)]);
            start = end + 1;
        }

        return lines;
    }

    public static byte[] Join(IEnumerable<byte[]> lines) => lines.SelectMany(l => l).ToArray();

    /// <summary>The block whose line (newline included) holds byte <paramref name="position"/>.</summary>
    public static int BlockOf(int[] starts, int position)
    {
        var block = 0;
        while (block + 1 < starts.Length && starts[block + 1] <= position)
        {
            block++;
        }

        return block;
    }
}
