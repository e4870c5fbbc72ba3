using System.Globalization;
using System.Text.Json;
using Tessera.Core.Errors;

namespace Tessera.Orchestrations.Application;

/// <summary>
/// The one strict prelude of every JSON request body (POST /api/runs, /api/backtests, the trading routes; use it for
/// any new body): it returns a parsed document only when the body is
/// <list type="bullet">
/// <item>at most <c>maxBytes</c> (else <see cref="PayloadTooLargeException"/>, HTTP 413);</item>
/// <item>not empty (a leading UTF-8 byte-order mark is accepted and skipped);</item>
/// <item>nested at most <c>maxDepth</c> levels, counted by a pre-scan before the parser runs (rule <see cref="DepthRule"/>);</item>
/// <item>well-formed JSON whose root is an object;</item>
/// <item>free of duplicate keys in every object (<see cref="DuplicateKeyRule"/>, naming the key's path);</item>
/// <item>made of strings and keys that decode to valid text: no invalid UTF-8 byte, no lone surrogate escape
/// (<see cref="TextRule"/>, naming the field) - so a handler's later <c>GetString()</c> cannot throw.</item>
/// </list>
/// Every refusal is a <see cref="TesseraValidationException"/> (HTTP 400) naming the field and the rule; the caller
/// then reads its known fields and refuses the unknown ones. The caller disposes the document.
/// </summary>
public static class StrictJsonBody
{
    public const string DuplicateKeyRule = "a key may appear only once in a JSON object";

    public const string TextRule = "must be valid text: UTF-8 without invalid bytes and no lone surrogate escape (\\ud800-\\udfff unpaired)";

    public static string DepthRule(int maxDepth) => "JSON nesting is at most " + maxDepth.ToString(CultureInfo.InvariantCulture) + " levels";

    public static JsonDocument Parse(ReadOnlySpan<byte> body, int maxBytes, int maxDepth, string emptyRule)
    {
        if (body.Length > maxBytes)
        {
            throw new PayloadTooLargeException(body.Length, maxBytes);
        }

        if (body.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            body = body[3..];
        }

        if (body.Trim((ReadOnlySpan<byte>)" \t\r\n"u8).IsEmpty)
        {
            throw new TesseraValidationException("body", null, emptyRule);
        }

        var depth = MaxNesting(body);
        if (depth > maxDepth)
        {
            throw new TesseraValidationException("body", "depth " + depth.ToString(CultureInfo.InvariantCulture), DepthRule(maxDepth));
        }

        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(body.ToArray(), new JsonDocumentOptions { MaxDepth = maxDepth + 1 });
        }
        catch (JsonException ex)
        {
            throw new TesseraValidationException("body", null, $"malformed JSON at line {ex.LineNumber + 1}, byte {ex.BytePositionInLine}: must be a JSON object");
        }

        try
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new TesseraValidationException("body", doc.RootElement.ValueKind.ToString(), "must be a JSON object");
            }

            Validate(doc.RootElement);
            return doc;
        }
        catch
        {
            doc.Dispose();
            throw;
        }
    }

    /// <summary>The deepest nesting of objects and arrays, counted over the bytes (strings skipped) without recursion.</summary>
    public static int MaxNesting(ReadOnlySpan<byte> json)
    {
        int depth = 0, max = 0;
        var inString = false;
        for (var i = 0; i < json.Length; i++)
        {
            var b = json[i];
            if (inString)
            {
                if (b == (byte)'\\')
                {
                    i++;
                }
                else if (b == (byte)'"')
                {
                    inString = false;
                }

                continue;
            }

            switch (b)
            {
                case (byte)'"':
                    inString = true;
                    break;
                case (byte)'{' or (byte)'[':
                    max = Math.Max(max, ++depth);
                    break;
                case (byte)'}' or (byte)']':
                    depth--;
                    break;
            }
        }

        return max;
    }

    /// <summary>Walks the document with an explicit stack: duplicate keys and undecodable strings, named by their path.</summary>
    private static void Validate(JsonElement root)
    {
        var stack = new Stack<(JsonElement Element, string Path)>();
        stack.Push((root, string.Empty));
        while (stack.Count > 0)
        {
            var (element, path) = stack.Pop();
            switch (element.ValueKind)
            {
                case JsonValueKind.Object:
                    var seen = new HashSet<string>(StringComparer.Ordinal);
                    foreach (var property in element.EnumerateObject())
                    {
                        string name;
                        try
                        {
                            name = property.Name;
                        }
                        catch (InvalidOperationException)
                        {
                            throw new TesseraValidationException(path.Length == 0 ? "body" : path, null, "every key " + TextRule);
                        }

                        var child = path.Length == 0 ? name : path + "." + name;
                        if (!seen.Add(name))
                        {
                            throw new TesseraValidationException(child, null, DuplicateKeyRule);
                        }

                        stack.Push((property.Value, child));
                    }

                    break;
                case JsonValueKind.Array:
                    var index = 0;
                    foreach (var item in element.EnumerateArray())
                    {
                        stack.Push((item, path + "[" + index.ToString(CultureInfo.InvariantCulture) + "]"));
                        index++;
                    }

                    break;
                case JsonValueKind.String:
                    try
                    {
                        _ = element.GetString();
                    }
                    catch (InvalidOperationException)
                    {
                        throw new TesseraValidationException(path, null, TextRule);
                    }

                    break;
            }
        }
    }
}
