
namespace Tessera.Core.LifeCycle;

/// <summary>
/// Synthetic long normalization of an asset's return stream for an atom direction (ALGORITHMS.md):
/// LONG r_syn = r; SHORT r_syn = -clip(r, upper = 1.0): a short can lose at most 100% in one period.
/// </summary>
public static class AtomStream
{
    public static void Normalize(ReadOnlySpan<double> returns, Side direction, Span<double> destination)
    {
        if (destination.Length != returns.Length)
        {
            throw new ArgumentException("destination must have the length of returns", nameof(destination));
        }

        switch (direction)
        {
            case Side.Long:
                returns.CopyTo(destination);
                break;
            case Side.Short:
                for (var i = 0; i < returns.Length; i++)
                {
                    destination[i] = -Math.Min(returns[i], 1.0);
                }

                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(direction), direction, "atoms are LONG or SHORT");
        }
    }
}
