using System.Globalization;
using System.Text;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Tessera.Trading.Configuration;

/// <summary>
/// Reads one YAML document into a <see cref="YamlNode"/> tree with hard bounds: the text size is checked before the
/// parser sees a byte, and the nesting depth is checked on the parser's event stream (an iterative state machine)
/// before any node deeper than the limit exists, so a 20,000-deep document is a typed error, never a stack overflow.
/// Aliases are refused (no billion-laughs expansion); duplicate keys and non-scalar keys are refused.
/// This is Tessera's one bounded YAML loader: config/trading.yaml, the sleeve profiles (config/profiles), research.yaml
/// and the DCF configuration all read through it (<see cref="ReadFile"/>, <see cref="Read(string, string, YamlLimits)"/>
/// or, for readers still on YamlDotNet's representation model, the <see cref="Check"/> pre-scan first).
/// Every error is a <see cref="TesseraValidationException"/> (exit code 2 / HTTP 400) naming the file (source:line),
/// the field path and the rule, e.g. "nesting is at most 32 levels".
/// </summary>
public static class BoundedYamlReader
{
    /// <summary>The largest configuration text accepted, in UTF-8 bytes.</summary>
    public const int MaxBytes = 64 * 1024;

    /// <summary>The deepest nesting of mappings and sequences accepted.</summary>
    public const int MaxDepth = 32;

    private static readonly YamlLimits Trading = new(MaxBytes, MaxDepth, "a trading configuration", (f, v, r, l) => new TradingConfigurationException(f, v, r, l));

    /// <summary>Reads config/trading.yaml text (errors are <see cref="TradingConfigurationException"/>).</summary>
    public static YamlMapping Read(string yamlText, string sourceName) => Read(yamlText, sourceName, Trading);

    /// <summary>
    /// Reads a configuration file: its size on disk is checked before a byte is read, the text must be UTF-8, then
    /// <see cref="Read(string, string, YamlLimits)"/>. A missing or unreadable file is the same typed error.
    /// </summary>
    public static YamlMapping ReadFile(string path, YamlLimits limits)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(limits);
        return Read(ReadText(path, limits), path, limits);
    }

    /// <summary>Reads a bounded file's text (size checked first, strict UTF-8) for a reader that parses it itself after <see cref="Check"/>.</summary>
    public static string ReadText(string path, YamlLimits limits)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(limits);
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                throw limits.Error("<file>", path, limits.Kind + " file must exist", path);
            }

            if (info.Length > limits.MaxBytes)
            {
                throw limits.Error("<document>", info.Length.ToString(CultureInfo.InvariantCulture) + " bytes", $"{limits.Kind} is at most {limits.MaxBytes} bytes", path);
            }

            return File.ReadAllText(path, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true));
        }
        catch (DecoderFallbackException)
        {
            throw limits.Error("<document>", null, limits.Kind + " must be UTF-8 text", path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw limits.Error("<file>", path, "not a readable file: " + ex.GetType().Name, path);
        }
    }

    /// <summary>
    /// The pre-scan alone: size, one document, depth and no aliases, checked on the parser's iterative event stream
    /// without building anything, so a reader that then loads YamlDotNet's recursive representation model cannot be
    /// driven into a stack overflow.
    /// </summary>
    public static void Check(string yamlText, string sourceName, YamlLimits limits) => ReadRoot(yamlText, sourceName, limits);

    /// <summary>Reads one bounded YAML document whose root must be a mapping (empty document: an empty mapping).</summary>
    public static YamlMapping Read(string yamlText, string sourceName, YamlLimits limits)
    {
        var root = ReadRoot(yamlText, sourceName, limits);
        return root switch
        {
            YamlMapping map => map,
            null => new YamlMapping(1, []),
            YamlScalar { Plain: true, Value: "" or "~" or "null" } => new YamlMapping(1, []),
            _ => throw limits.Error("<document>", null, "the document must be a mapping of sections", Where(sourceName, root.Line)),
        };
    }

    private static YamlNode? ReadRoot(string yamlText, string sourceName, YamlLimits limits)
    {
        ArgumentNullException.ThrowIfNull(yamlText);
        ArgumentNullException.ThrowIfNull(sourceName);
        ArgumentNullException.ThrowIfNull(limits);
        var maxDepth = limits.MaxDepth;
        var bytes = Encoding.UTF8.GetByteCount(yamlText);
        if (bytes > limits.MaxBytes)
        {
            throw limits.Error("<document>", bytes.ToString(CultureInfo.InvariantCulture) + " bytes", $"{limits.Kind} is at most {limits.MaxBytes} bytes", sourceName);
        }

        var parser = new Parser(new StringReader(yamlText));
        var stack = new Stack<Builder>();
        YamlNode? root = null;
        var documents = 0;
        try
        {
            while (MoveNext(parser, sourceName, limits))
            {
                var ev = parser.Current!;
                var line = (int)ev.Start.Line;
                switch (ev)
                {
                    case DocumentStart:
                        if (++documents > 1)
                        {
                            throw limits.Error("<document>", documents.ToString(CultureInfo.InvariantCulture) + " documents", limits.Kind + " is one YAML document", Where(sourceName, line));
                        }

                        break;
                    case AnchorAlias:
                        throw limits.Error(PathOf(stack), "*alias", "YAML aliases are not allowed in " + limits.Kind, Where(sourceName, line));
                    case MappingStart:
                    case SequenceStart:
                        if (stack.Count >= maxDepth)
                        {
                            throw limits.Error(PathOf(stack), "depth > " + maxDepth.ToString(CultureInfo.InvariantCulture), $"nesting is at most {maxDepth} levels", Where(sourceName, line));
                        }

                        stack.Push(new Builder(ev is MappingStart, line, stack.Count == 0 ? string.Empty : stack.Peek().ChildPath(), limits));
                        break;
                    case MappingEnd:
                    case SequenceEnd:
                        var done = stack.Pop().Build();
                        root = Attach(stack, done, sourceName) ?? root;
                        break;
                    case Scalar scalar:
                        var node = new YamlScalar(line, scalar.Value, scalar.Style == ScalarStyle.Plain);
                        root = Attach(stack, node, sourceName) ?? root;
                        break;
                }
            }
        }
        catch (YamlException ex)
        {
            throw limits.Error("<document>", null, "not valid YAML: " + ex.Message, Where(sourceName, (int)ex.Start.Line));
        }

        return root;
    }

    /// <summary>
    /// The parser's next event. YamlDotNet's scanner throws InvalidOperationException (not a YamlException) on some
    /// truncated flow collections (<c>name: [unclosed</c>): that is invalid YAML too, never an internal error.
    /// </summary>
    private static bool MoveNext(Parser parser, string sourceName, YamlLimits limits)
    {
        try
        {
            return parser.MoveNext();
        }
        catch (InvalidOperationException)
        {
            throw limits.Error("<document>", null, "not valid YAML: the document ends inside an unclosed collection or scalar", sourceName);
        }
    }

    /// <summary>The location errors name: <c>source:line</c>.</summary>
    public static string Where(string sourceName, int line) => sourceName + ":" + line.ToString(CultureInfo.InvariantCulture);

    private static string PathOf(Stack<Builder> stack) => stack.Count == 0 ? "<document>" : stack.Peek().ChildPath();

    /// <summary>Adds a finished node to its parent; returns it when it is the document's root.</summary>
    private static YamlNode? Attach(Stack<Builder> stack, YamlNode node, string sourceName)
    {
        if (stack.Count == 0)
        {
            return node;
        }

        stack.Peek().Add(node, sourceName);
        return null;
    }

    private sealed class Builder(bool isMapping, int line, string path, YamlLimits limits)
    {
        private readonly List<KeyValuePair<string, YamlNode>> _entries = [];
        private readonly List<YamlNode> _items = [];
        private readonly HashSet<string> _keys = new(StringComparer.Ordinal);
        private string? _pendingKey;

        public string ChildPath()
        {
            if (!isMapping)
            {
                return path + "[" + _items.Count.ToString(CultureInfo.InvariantCulture) + "]";
            }

            return _pendingKey is null ? (path.Length == 0 ? "<document>" : path) : Join(path, _pendingKey);
        }

        public void Add(YamlNode node, string sourceName)
        {
            if (!isMapping)
            {
                _items.Add(node);
                return;
            }

            if (_pendingKey is null)
            {
                if (node is not YamlScalar key)
                {
                    throw limits.Error(path.Length == 0 ? "<document>" : path, null, "mapping keys must be plain strings", Where(sourceName, node.Line));
                }

                if (!_keys.Add(key.Value))
                {
                    throw limits.Error(Join(path, key.Value), key.Value, "a key may appear only once in a mapping", Where(sourceName, node.Line));
                }

                _pendingKey = key.Value;
                return;
            }

            _entries.Add(new KeyValuePair<string, YamlNode>(_pendingKey, node));
            _pendingKey = null;
        }

        public YamlNode Build() => isMapping ? new YamlMapping(line, _entries) : new YamlSequence(line, _items);

        private static string Join(string parent, string child) => parent.Length == 0 ? child : parent + "." + child;
    }
}
