using System.Security.Cryptography;
using System.Text;

namespace Tessera.Orchestrations.Application;

/// <summary>Constant-time API key comparison shared by both hosts. The key itself is never logged.</summary>
public static class ApiKeyCheck
{
    public static bool IsAuthorized(string? expectedKey, string? presentedKey)
    {
        if (string.IsNullOrEmpty(expectedKey) || string.IsNullOrEmpty(presentedKey))
        {
            return false;
        }

        var a = SHA256.HashData(Encoding.UTF8.GetBytes(expectedKey));
        var b = SHA256.HashData(Encoding.UTF8.GetBytes(presentedKey));
        return CryptographicOperations.FixedTimeEquals(a, b);
    }
}
