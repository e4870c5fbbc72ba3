using System.Threading.Channels;

namespace Tessera.Exchange.Tests.Support;

/// <summary>Reads a stream's messages until a condition holds, bounded by a generous timeout (no timing is asserted).</summary>
public static class StreamReading
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    public static async Task<List<T>> UntilAsync<T>(ChannelReader<T> reader, Func<List<T>, bool> done, TimeSpan? timeout = null)
    {
        var seen = new List<T>();
        using var cts = new CancellationTokenSource(timeout ?? Patience);
        try
        {
            while (!done(seen))
            {
                seen.Add(await reader.ReadAsync(cts.Token));
            }
        }
        catch (OperationCanceledException ex)
        {
            throw new TimeoutException($"condition not met; {seen.Count} messages seen: {string.Join(", ", seen.TakeLast(8))}", ex);
        }

        return seen;
    }
}
