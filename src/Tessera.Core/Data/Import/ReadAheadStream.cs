using System.Threading.Channels;

namespace Tessera.Core.Data.Import;

/// <summary>
/// Reads an inner stream on a background task into a small bounded queue of chunks, so gzip decompression of
/// the next chunk overlaps with parsing of the current one (the two are about equally expensive on the S&amp;P
/// file). Errors of the inner stream (e.g. a corrupt archive) are rethrown from <see cref="Read(Span{byte})"/>.
/// Chunks are recycled once read (at most five exist: three queued, one being filled, one being read), so a large file
/// does not allocate a 1 MiB large-object buffer per chunk, each of which counts towards a full (gen 2) collection.
/// </summary>
internal sealed class ReadAheadStream : ForwardReadStream
{
    private const int ChunkSize = 1 << 20;
    private readonly Channel<(byte[] Buffer, int Length)> _chunks = Channel.CreateBounded<(byte[], int)>(new BoundedChannelOptions(3) { SingleReader = true, SingleWriter = true });
    private readonly System.Collections.Concurrent.ConcurrentQueue<byte[]> _free = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _producer;
    private byte[]? _current;
    private int _length;
    private int _offset;
    private bool _done;

    public ReadAheadStream(Stream inner)
    {
        _producer = Task.Run(() => ProduceAsync(inner, _stop.Token));
    }

    public override int Read(Span<byte> buffer)
    {
        while (_current is null || _offset == _length)
        {
            if (_done)
            {
                return 0;
            }

            if (!NextChunk())
            {
                _done = true;
                _producer.GetAwaiter().GetResult(); // rethrows the producer's exception, if any
                return 0;
            }
        }

        var n = Math.Min(buffer.Length, _length - _offset);
        _current.AsSpan(_offset, n).CopyTo(buffer);
        _offset += n;
        return n;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _stop.Cancel();
            try
            {
                _producer.GetAwaiter().GetResult();
            }
            catch (OperationCanceledException)
            {
            }
            catch (InvalidDataException)
            {
                // Already surfaced to the reader (or the reader stopped early); nothing more to report.
            }

            _stop.Dispose();
        }

        base.Dispose(disposing);
    }

    private bool NextChunk()
    {
        var reader = _chunks.Reader;
        while (true)
        {
            if (reader.TryRead(out var chunk))
            {
                if (_current is not null)
                {
                    _free.Enqueue(_current);
                }

                _current = chunk.Buffer;
                _length = chunk.Length;
                _offset = 0;
                return true;
            }

            // Synchronous wait is deliberate: the importers expose a synchronous API over Stream.
            if (!reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
            {
                return false;
            }
        }
    }

    private async Task ProduceAsync(Stream inner, CancellationToken ct)
    {
        try
        {
            while (true)
            {
                if (!_free.TryDequeue(out var buffer))
                {
                    buffer = new byte[ChunkSize];
                }

                var filled = 0;
                while (filled < ChunkSize)
                {
                    var n = inner.Read(buffer, filled, ChunkSize - filled);
                    if (n == 0)
                    {
                        break;
                    }

                    filled += n;
                }

                if (filled == 0)
                {
                    return;
                }

                await _chunks.Writer.WriteAsync((buffer, filled), ct).ConfigureAwait(false);
                if (filled < ChunkSize)
                {
                    return;
                }
            }
        }
        finally
        {
            _chunks.Writer.TryComplete();
        }
    }
}
