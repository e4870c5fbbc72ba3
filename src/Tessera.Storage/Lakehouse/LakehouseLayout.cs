using System.Text;

namespace Tessera.Storage.Lakehouse;

/// <summary>
/// Blob names inside the lakehouse container (docs/LAKEHOUSE.md):
/// <c>_current.json</c> (pointer), <c>manifests/v{version:D8}-{sha16}.json</c> (immutable manifests),
/// <c>bars/{encoded symbol}/{sha256}.tsrb</c> (immutable, content-addressed bar objects).
/// </summary>
public static class LakehouseLayout
{
    public const string DefaultContainer = "lakehouse";
    public const string Pointer = "_current.json";

    public static string ManifestName(int version, string sha256) => $"manifests/v{version:D8}-{sha256[..16]}.json";

    public static string BarObjectName(string symbol, string sha256) => $"bars/{EncodeSymbol(symbol)}/{sha256}.tsrb";

    /// <summary>
    /// Reversible, path-safe encoding: A-Z a-z 0-9 '.' '-' kept; every other byte of the UTF-8 form becomes
    /// '_' + two hex digits (':' -> _3A, '/' -> _2F, '_' -> _5F), so no symbol can create or climb a path segment.
    /// </summary>
    public static string EncodeSymbol(string symbol)
    {
        ArgumentNullException.ThrowIfNull(symbol);
        var sb = new StringBuilder(symbol.Length + 4);
        foreach (var b in Encoding.UTF8.GetBytes(symbol))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '-' || (c == '.' && sb.Length > 0))
            {
                sb.Append(c);
            }
            else
            {
                sb.Append('_').Append(b.ToString("X2"));
            }
        }

        return sb.ToString();
    }
}
