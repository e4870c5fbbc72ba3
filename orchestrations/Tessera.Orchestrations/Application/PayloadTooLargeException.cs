using Tessera.Core.Errors;

namespace Tessera.Orchestrations.Application;

/// <summary>The request body exceeds <see cref="StartRunRequest.MaxBodyBytes"/> (HTTP 413).</summary>
public sealed class PayloadTooLargeException(long bytes)
    : TesseraValidationException("body", $"{bytes} bytes", $"request body must be at most {StartRunRequest.MaxBodyBytes} bytes");
