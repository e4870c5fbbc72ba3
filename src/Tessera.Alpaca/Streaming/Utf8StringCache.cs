using System.Text;

namespace Tessera.Alpaca.Streaming;

/// <summary>
/// Symbols, venue and condition codes repeat in every message: short UTF-8 values (up to 8 bytes) map to one shared
/// string instance instead of a new allocation per message. Not thread-safe: one per receive loop.
/// </summary>
internal sealed class Utf8StringCache
{
    private readonly Dictionary<ulong, string> _cache = [];

    public string Get(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length is 0 or > 8)
        {
            return Encoding.UTF8.GetString(utf8);
        }

        ulong key = (ulong)utf8.Length << 56;
        for (var i = 0; i < utf8.Length; i++)
        {
            key ^= (ulong)utf8[i] << (i * 7);
        }

        if (_cache.TryGetValue(key, out var s) && Matches(s, utf8))
        {
            return s;
        }

        s = Encoding.UTF8.GetString(utf8);
        if (_cache.Count < 65_536)
        {
            _cache[key] = s;
        }

        return s;
    }

    private static bool Matches(string s, ReadOnlySpan<byte> utf8)
    {
        if (s.Length != utf8.Length)
        {
            return false;
        }

        for (var i = 0; i < utf8.Length; i++)
        {
            if (s[i] != utf8[i])
            {
                return false;
            }
        }

        return true;
    }
}
