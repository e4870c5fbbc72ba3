using System.Text;

namespace Tessera.Local.Cli;

/// <summary>
/// The CLI's error writer: every string passes <see cref="TerminalText.Clean"/> (line feeds and tabs kept) before it
/// reaches the inner writer, so an error message echoing hostile data cannot move the cursor or retitle the window.
/// </summary>
public sealed class SanitizingWriter(TextWriter inner) : TextWriter
{
    public override Encoding Encoding => inner.Encoding;

    public override void Write(char value) => inner.Write(TerminalText.IsUnsafe(value, keepLineBreaks: true) ? TerminalText.Clean(value.ToString(), keepLineBreaks: true) : value.ToString());

    public override void Write(string? value) => inner.Write(TerminalText.Clean(value, keepLineBreaks: true));

    public override void WriteLine(string? value) => inner.WriteLine(TerminalText.Clean(value, keepLineBreaks: true));

    public override Task WriteAsync(string? value) => inner.WriteAsync(TerminalText.Clean(value, keepLineBreaks: true));

    public override Task WriteLineAsync(string? value) => inner.WriteLineAsync(TerminalText.Clean(value, keepLineBreaks: true));

    public override void Flush() => inner.Flush();

    public override Task FlushAsync() => inner.FlushAsync();

    /// <summary>The writer being wrapped (tests read a StringWriter's text through it).</summary>
    public TextWriter Inner => inner;

    public override string ToString() => inner.ToString() ?? string.Empty;
}
