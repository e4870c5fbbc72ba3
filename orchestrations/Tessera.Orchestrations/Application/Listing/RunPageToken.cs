using System.Buffers.Text;
using System.Text;
using Tessera.Core.Determinism;
using Tessera.Core.Errors;

namespace Tessera.Orchestrations.Application.Listing;

/// <summary>
/// The continuation token Tessera hands out: the runtime's own token, base64url-encoded, plus a short SHA-256 check.
/// The runtime does not refuse a token it did not issue (the Azure Storage backend silently starts over from the
/// first page, or returns an empty page), so a garbled or invented token would give a wrong page with a 200. The
/// check turns it into a 400 naming the field. It is not a secret: tokens are portable between the two hosts of
/// one task hub, which compute the same check.
/// </summary>
public static class RunPageToken
{
    private const int CheckLength = 8;

    public static string Wrap(string runtimeToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(runtimeToken);
        return Base64Url.EncodeToString(Encoding.UTF8.GetBytes(runtimeToken)) + "." + Check(runtimeToken);
    }

    /// <summary>The runtime's token inside a token this API issued; anything else is a validation error.</summary>
    public static string Unwrap(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        var dot = token.LastIndexOf('.');
        if (dot > 0 && token.Length - dot - 1 == CheckLength)
        {
            try
            {
                var runtimeToken = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(token.AsSpan(0, dot)));
                if (runtimeToken.Length > 0 && string.Equals(Check(runtimeToken), token[(dot + 1)..], StringComparison.Ordinal))
                {
                    return runtimeToken;
                }
            }
            catch (FormatException)
            {
                // not base64url: refused below
            }
        }

        throw Refused(token);
    }

    public static TesseraValidationException Refused(string token) =>
        new("continuationToken", token.Length > 64 ? token[..64] + "..." : token, "must be the continuation token returned with the previous page");

    private static string Check(string runtimeToken) => Sha256Hex.Of("tessera-runs-page:" + runtimeToken)[..CheckLength];
}
