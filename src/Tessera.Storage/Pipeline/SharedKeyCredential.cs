using System.Security.Cryptography;
using System.Text;

namespace Tessera.Storage.Pipeline;

/// <summary>
/// An account name and its Shared Key. The key bytes stay private: nothing here formats them, so they cannot
/// end up in a log line or exception message by accident.
/// </summary>
public sealed class SharedKeyCredential
{
    private readonly byte[] _key;

    public SharedKeyCredential(string accountName, byte[] key)
    {
        ArgumentException.ThrowIfNullOrEmpty(accountName);
        ArgumentNullException.ThrowIfNull(key);
        AccountName = accountName;
        _key = (byte[])key.Clone();
    }

    public string AccountName { get; }

    /// <summary>Base64(HMAC-SHA256(key, UTF-8(stringToSign))), the signature part of "SharedKey account:signature".</summary>
    public string ComputeSignature(string stringToSign)
    {
        ArgumentNullException.ThrowIfNull(stringToSign);
        return Convert.ToBase64String(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(stringToSign)));
    }

    public override string ToString() => $"SharedKeyCredential({AccountName}, key hidden)";
}
