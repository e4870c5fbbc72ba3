using Tessera.Exchange.Market;

namespace Tessera.Exchange.Streaming;

/// <summary>
/// One session's subscriptions per channel ("*" = every symbol). Lookups by symbol index are array reads, because
/// they run for every replayed message. Corrections and cancel errors follow the trade subscription, as at Alpaca.
/// </summary>
internal sealed class Subscriptions
{
    public static readonly string[] ClientChannels = ["trades", "quotes", "bars", "updatedBars", "dailyBars", "statuses", "lulds"];

    private readonly Channel[] _channels = ClientChannels.Select(_ => new Channel()).ToArray();

    public bool IsEmpty => _channels.All(c => !c.All && c.Symbols.Count == 0);

    /// <summary>Distinct symbols named across channels (wildcards not counted), for the symbol limit.</summary>
    public int SymbolCount => _channels.SelectMany(c => c.Symbols).Distinct(StringComparer.Ordinal).Count();

    public Subscriptions Clone()
    {
        var copy = new Subscriptions();
        for (var i = 0; i < _channels.Length; i++)
        {
            copy._channels[i].All = _channels[i].All;
            copy._channels[i].Symbols.UnionWith(_channels[i].Symbols);
        }

        return copy;
    }

    public static int ChannelIndex(string name) => Array.IndexOf(ClientChannels, name);

    public void Add(int channel, string symbol)
    {
        if (symbol == "*")
        {
            _channels[channel].All = true;
        }
        else
        {
            _channels[channel].Symbols.Add(symbol);
        }
    }

    public void Remove(int channel, string symbol)
    {
        if (symbol == "*")
        {
            _channels[channel].All = false;
        }
        else
        {
            _channels[channel].Symbols.Remove(symbol);
        }
    }

    /// <summary>Rebuilds the per-index lookup against the venue's symbols.</summary>
    public void Index(IReadOnlyList<SymbolState> symbols)
    {
        foreach (var c in _channels)
        {
            c.ByIndex = new bool[symbols.Count];
            foreach (var s in symbols)
            {
                c.ByIndex[s.Index] = c.All || c.Symbols.Contains(s.Symbol);
            }
        }
    }

    public bool Wants(MarketEventKind kind, int symbol)
    {
        var c = _channels[kind switch
        {
            MarketEventKind.Trade or MarketEventKind.Correction or MarketEventKind.CancelError => 0,
            MarketEventKind.Quote => 1,
            MarketEventKind.Bar => 2,
            MarketEventKind.UpdatedBar => 3,
            MarketEventKind.DailyBar => 4,
            MarketEventKind.Status => 5,
            _ => 6,
        }];
        return c.All || ((uint)symbol < (uint)c.ByIndex.Length && c.ByIndex[symbol]);
    }

    public IEnumerable<(string Name, IEnumerable<string> Symbols)> Lists()
    {
        for (var i = 0; i < _channels.Length; i++)
        {
            yield return (ClientChannels[i], Names(_channels[i]));
        }

        yield return ("corrections", Names(_channels[0]));
        yield return ("cancelErrors", Names(_channels[0]));
    }

    private static IEnumerable<string> Names(Channel c) => c.All ? ["*"] : c.Symbols.Order(StringComparer.Ordinal);

    private sealed class Channel
    {
        public bool All { get; set; }

        public HashSet<string> Symbols { get; } = new(StringComparer.Ordinal);

        public bool[] ByIndex { get; set; } = [];
    }
}
