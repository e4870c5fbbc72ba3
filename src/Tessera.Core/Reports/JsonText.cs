using System.Text.Encodings.Web;

namespace Tessera.Core.Reports;

/// <summary>
/// JSON encoder for report files: keeps '+', '&lt;', quotes etc. readable (the default encoder escapes them for
/// HTML embedding). These files are written to disk and read by tools, never embedded in a page.
/// </summary>
internal static class JsonText
{
    public static JavaScriptEncoder Encoder { get; } = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
}
