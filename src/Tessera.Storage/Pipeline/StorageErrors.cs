using System.Text.Json;
using System.Xml.Linq;
using Azure;
using Tessera.Storage.Errors;

namespace Tessera.Storage.Pipeline;

/// <summary>Turns a failed response into the typed exception callers act on (404, 409, 412, other).</summary>
public static class StorageErrors
{
    public static StorageRequestException FromResponse(Response response, string operation)
    {
        ArgumentNullException.ThrowIfNull(response);
        var (code, detail) = ReadError(response);
        var message = $"{operation} failed: HTTP {response.Status} {code ?? response.ReasonPhrase}"
            + (string.IsNullOrEmpty(detail) ? string.Empty : $" ({FirstLine(detail)})");
        return response.Status switch
        {
            404 => new StorageNotFoundException(response.Status, code, message),
            409 => new StorageConflictException(response.Status, code, message),
            412 => new StoragePreconditionFailedException(response.Status, code, message),
            _ => new StorageRequestException(response.Status, code, message),
        };
    }

    /// <summary>Error code from x-ms-error-code, else from the XML (Blob) or OData JSON (Table) body; plus the service's message.</summary>
    public static (string? Code, string? Message) ReadError(Response response)
    {
        ArgumentNullException.ThrowIfNull(response);
        response.Headers.TryGetValue("x-ms-error-code", out var code);
        string? detail = null;
        var body = response.Content?.ToString();
        if (!string.IsNullOrWhiteSpace(body))
        {
            try
            {
                if (body.TrimStart().StartsWith('<'))
                {
                    var root = XDocument.Parse(body).Root;
                    code ??= root?.Element("Code")?.Value;
                    detail = root?.Element("Message")?.Value;
                }
                else if (body.TrimStart().StartsWith('{'))
                {
                    using var doc = JsonDocument.Parse(body);
                    if (doc.RootElement.TryGetProperty("odata.error", out var error))
                    {
                        if (error.TryGetProperty("code", out var c))
                        {
                            code ??= c.GetString();
                        }

                        if (error.TryGetProperty("message", out var m))
                        {
                            detail = m.ValueKind == JsonValueKind.Object && m.TryGetProperty("value", out var v) ? v.GetString() : m.ToString();
                        }
                    }
                }
            }
            catch (Exception e) when (e is System.Xml.XmlException or JsonException or InvalidOperationException)
            {
                // Not a service error document (a proxy page, say): the status alone must do.
            }
        }

        return (code, detail);
    }

    private static string FirstLine(string text)
    {
        var newline = text.IndexOfAny(['\r', '\n']);
        return newline < 0 ? text : text[..newline];
    }
}
