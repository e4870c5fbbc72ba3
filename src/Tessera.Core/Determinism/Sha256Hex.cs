using System.Security.Cryptography;
using System.Text;

namespace Tessera.Core.Determinism;

/// <summary>Lower-case hex SHA-256, the one fingerprint format used in manifests, ledgers and parameter hashes.</summary>
public static class Sha256Hex
{
    public static string Of(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    public static string Of(string text) => Of(Encoding.UTF8.GetBytes(text));
}
