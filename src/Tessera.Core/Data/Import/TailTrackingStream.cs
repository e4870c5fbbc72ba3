namespace Tessera.Core.Data.Import;

/// <summary>
/// Pass-through read stream that remembers the last 8 bytes it delivered. The gzip trailer is those 8 bytes
/// (CRC-32, then ISIZE = uncompressed length mod 2^32); .NET's GZipStream simply stops at a truncated archive,
/// so the importer compares ISIZE with the bytes it actually got to detect truncation.
/// </summary>
internal sealed class TailTrackingStream(Stream inner) : ForwardReadStream
{
    private readonly byte[] _tail = new byte[8];
    private int _filled;

    /// <summary>ISIZE of the last gzip member read, or null when fewer than 8 bytes were seen.</summary>
    public uint? TrailerSize => _filled < 8 ? null : BitConverter.ToUInt32(_tail, 4);

    public override int Read(Span<byte> buffer)
    {
        var n = inner.Read(buffer);
        if (n >= 8)
        {
            buffer.Slice(n - 8, 8).CopyTo(_tail);
            _filled = 8;
        }
        else if (n > 0)
        {
            var keep = 8 - n;
            _tail.AsSpan(n, keep).CopyTo(_tail);
            buffer[..n].CopyTo(_tail.AsSpan(keep));
            _filled = Math.Min(8, _filled + n);
        }

        return n;
    }
}
