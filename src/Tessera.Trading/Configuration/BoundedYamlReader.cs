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
/// </summary>
internal static class BoundedYamlReader
{
    /// <summary>The largest configuration text accepted, in UTF-8 bytes.</summary>
    public const int MaxBytes = 64 * 1024;

    /// <summary>The deepest nesting of mappings and sequences accepted.</summary>
    public const int MaxDepth = 32;

    public static YamlMapping Read(string yamlText, string sourceName)
    {
        var bytes = Encoding.UTF8.GetByteCount(yamlText);
        if (bytes > MaxBytes)
        {
            throw new TradingConfigurationException("<document>", bytes.ToString(CultureInfo.InvariantCulture) + " bytes", $"a trading configuration is at most {MaxBytes} bytes", sourceName);
        }

        var parser = new Parser(new StringReader(yamlText));
        var stack = new Stack<Builder>();
        YamlNode? root = null;
        var documents = 0;
        try
        {
            while (parser.MoveNext())
            {
                var ev = parser.Current!;
                var line = (int)ev.Start.Line;
                switch (ev)
                {
                    case DocumentStart:
                        if (++documents > 1)
                        {
                            throw new TradingConfigurationException("<document>", documents.ToString(CultureInfo.InvariantCulture) + " documents", "a trading configuration is one YAML document", Where(sourceName, line));
                        }

                        break;
                    case AnchorAlias:
                        throw new TradingConfigurationException(PathOf(stack), "*alias", "YAML aliases are not allowed in a trading configuration", Where(sourceName, line));
                    case MappingStart:
                    case SequenceStart:
                        if (stack.Count >= MaxDepth)
                        {
                            throw new TradingConfigurationException(PathOf(stack), "depth > " + MaxDepth.ToString(CultureInfo.InvariantCulture), $"nesting is at most {MaxDepth} levels", Where(sourceName, line));
                        }

                        stack.Push(new Builder(ev is MappingStart, line, stack.Count == 0 ? string.Empty : stack.Peek().ChildPath()));
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
            throw new TradingConfigurationException("<document>", null, "not valid YAML: " + ex.Message, Where(sourceName, (int)ex.Start.Line));
        }

        return root switch
        {
            YamlMapping map => map,
            null => new YamlMapping(1, []),
            YamlScalar { Plain: true, Value: "" or "~" or "null" } => new YamlMapping(1, []),
            _ => throw new TradingConfigurationException("<document>", null, "the document must be a mapping of sections", Where(sourceName, root.Line)),
        };
    }

    internal static string Where(string sourceName, int line) => sourceName + ":" + line.ToString(CultureInfo.InvariantCulture);

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

    private sealed class Builder(bool isMapping, int line, string path)
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
                    throw new TradingConfigurationException(path.Length == 0 ? "<document>" : path, null, "mapping keys must be plain strings", Where(sourceName, node.Line));
                }

                if (!_keys.Add(key.Value))
                {
                    throw new TradingConfigurationException(Join(path, key.Value), key.Value, "a key may appear only once in a mapping", Where(sourceName, node.Line));
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
