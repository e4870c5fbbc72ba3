using System.Numerics;
using System.Runtime.CompilerServices;

namespace Tessera.Core.Backtest;

/// <summary>
/// A set of symbol indices visited in ascending order (a bitmap): the event engine's per-bar phases look only at the
/// symbols that can need work (an open position or a pending order) instead of all of them, in the same ascending
/// order as a full pass, so fills, cash and the equity sums happen in the same sequence. Members may be added or
/// removed at or below the one being visited while iterating.
/// </summary>
internal sealed class ActiveSymbols
{
    private readonly ulong[] _words;

    public ActiveSymbols(int symbols) => _words = new ulong[(symbols + 63) >> 6];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(int symbol) => _words[symbol >> 6] |= 1UL << symbol;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Remove(int symbol) => _words[symbol >> 6] &= ~(1UL << symbol);

    /// <summary>The smallest member &gt;= <paramref name="from"/>, or -1.</summary>
    public int Next(int from)
    {
        var w = from >> 6;
        if (w >= _words.Length)
        {
            return -1;
        }

        var bits = _words[w] & (ulong.MaxValue << from);
        while (bits == 0)
        {
            if (++w >= _words.Length)
            {
                return -1;
            }

            bits = _words[w];
        }

        return (w << 6) + BitOperations.TrailingZeroCount(bits);
    }
}
