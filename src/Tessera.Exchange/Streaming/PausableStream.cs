namespace Tessera.Exchange.Streaming;

/// <summary>
/// The upgraded connection under a server WebSocket, with a pause: while paused nothing is read or written, so the
/// WebSocket cannot even answer pings (its control frames are handled inside reads). This is how the stall fault
/// imitates a dead network path that keeps the TCP connection open.
/// </summary>
internal sealed class PausableStream(Stream inner, TimeProvider wall) : Stream
{
    private long _pausedUntil;

    public void PauseUntil(DateTimeOffset until) => Interlocked.Exchange(ref _pausedUntil, until.UtcTicks);

    public override bool CanRead => inner.CanRead;

    public override bool CanSeek => false;

    public override bool CanWrite => inner.CanWrite;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        await WaitAsync(cancellationToken).ConfigureAwait(false);
        return await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
    }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        await WaitAsync(cancellationToken).ConfigureAwait(false);
        await inner.WriteAsync(buffer, cancellationToken).ConfigureAwait(false);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

    public override void Flush() => inner.Flush();

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException("asynchronous only");

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException("asynchronous only");

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    private async ValueTask WaitAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var until = Interlocked.Read(ref _pausedUntil);
            var now = wall.GetUtcNow().UtcTicks;
            if (until <= now)
            {
                return;
            }

            await Task.Delay(TimeSpan.FromTicks(Math.Min(until - now, TimeSpan.TicksPerMillisecond * 50)), wall, cancellationToken).ConfigureAwait(false);
        }
    }
}
