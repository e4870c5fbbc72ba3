using System.Globalization;
using Tessera.Core.Errors;

namespace Tessera.Orchestrations.Application;

/// <summary>The request body exceeds the route's limit (HTTP 413); the message quotes the limit that was enforced.</summary>
public sealed class PayloadTooLargeException(long bytes, int maxBytes)
    : TesseraValidationException(
        "body",
        bytes.ToString(CultureInfo.InvariantCulture) + " bytes",
        "request body must be at most " + maxBytes.ToString(CultureInfo.InvariantCulture) + " bytes")
{
    /// <summary>The limit of the route that refused the body.</summary>
    public int MaxBytes { get; } = maxBytes;
}
