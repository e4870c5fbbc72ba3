namespace Tessera.Core.Data.Import;

/// <summary>A read-only, forward-only stream that first yields <c>prefix</c> and then the rest of <c>inner</c>; lets us sniff magic bytes from non-seekable streams.</summary>
internal sealed class PrefixedStream(byte[] prefix, int prefixLength, Stream inner) : ForwardReadStream
{
    private int _position;

    public override int Read(Span<byte> buffer)
    {
        if (_position < prefixLength)
        {
            var n = Math.Min(buffer.Length, prefixLength - _position);
            prefix.AsSpan(_position, n).CopyTo(buffer);
            _position += n;
            return n;
        }

        return inner.Read(buffer);
    }
}
