using Spectre.Console;
using Spectre.Console.Rendering;

namespace Tessera.Local.Cli;

/// <summary>
/// The CLI's console: every text segment a renderable produces passes <see cref="TerminalText.Clean"/> before the
/// inner console writes it (Spectre's own control codes and line breaks pass as they are), so no data reaches the
/// terminal with a raw control character even where a command forgot <see cref="TerminalText.Escape(string?)"/>.
/// </summary>
public sealed class SanitizingConsole(IAnsiConsole inner) : IAnsiConsole
{
    public Profile Profile => inner.Profile;

    public IAnsiConsoleCursor Cursor => inner.Cursor;

    public IAnsiConsoleInput Input => inner.Input;

    public IExclusivityMode ExclusivityMode => inner.ExclusivityMode;

    public RenderPipeline Pipeline => inner.Pipeline;

    /// <summary>The console being wrapped.</summary>
    public IAnsiConsole Inner => inner;

    public void Clear(bool home) => inner.Clear(home);

    public void Write(IRenderable renderable) => inner.Write(new Sanitized(renderable));

    private sealed class Sanitized(IRenderable renderable) : IRenderable
    {
        public Measurement Measure(RenderOptions options, int maxWidth) => renderable.Measure(options, maxWidth);

        public IEnumerable<Segment> Render(RenderOptions options, int maxWidth)
        {
            foreach (var segment in renderable.Render(options, maxWidth))
            {
                yield return segment.IsControlCode || segment.IsLineBreak || !HasUnsafe(segment.Text)
                    ? segment
                    : new Segment(TerminalText.Clean(segment.Text), segment.Style);
            }
        }

        private static bool HasUnsafe(string text)
        {
            foreach (var c in text)
            {
                if (TerminalText.IsUnsafe(c))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
