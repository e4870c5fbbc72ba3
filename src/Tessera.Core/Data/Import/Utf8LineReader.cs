using System.IO.Compression;
using System.Runtime.CompilerServices;

namespace Tessera.Core.Data.Import;

/// <summary>
/// Reads lines as UTF-8 byte spans from a stream through one reusable buffer (no per-line allocation).
/// Strips a leading UTF-8 BOM and a trailing CR (CRLF files). Gzip input is detected by its magic bytes
/// (1F 8B) and decompressed transparently; a corrupt or truncated archive becomes a typed import error.
/// </summary>
internal sealed class Utf8LineReader : IDisposable
{
    public const int MaxLineBytes = 1 << 20;

    private readonly string _source;
    private readonly byte[] _buffer = new byte[MaxLineBytes];
    private readonly Stream _stream;
    private readonly TailTrackingStream? _compressed;
    private readonly GZipStream? _gzip;
    private long _decompressed;
    private int _start;
    private int _end;
    private bool _eof;
    private bool _first = true;

    public Utf8LineReader(Stream input, string source)
    {
        _source = source;
        var magic = new byte[2];
        var got = 0;
        while (got < 2)
        {
            var n = input.Read(magic, got, 2 - got);
            if (n == 0)
            {
                break;
            }

            got += n;
        }

        var replay = new PrefixedStream(magic, got, input);
        IsGzip = got == 2 && magic[0] == 0x1F && magic[1] == 0x8B;
        if (IsGzip)
        {
            _compressed = new TailTrackingStream(replay);
            _gzip = new GZipStream(_compressed, CompressionMode.Decompress);
            _stream = new ReadAheadStream(_gzip);
        }
        else
        {
            _stream = replay;
        }
    }

    public bool IsGzip { get; }

    /// <summary>1-based number of the line last returned.</summary>
    public long LineNumber { get; private set; }

    /// <summary>Decompressed bytes consumed so far.</summary>
    public long BytesRead { get; private set; }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // per-row hot path: fully optimized from the first call, no tier-0 phase in a short CLI run (docs/benchmarks/coldstart.md)
    public bool TryReadLine(out ReadOnlySpan<byte> line)
    {
        while (true)
        {
            var pending = _buffer.AsSpan(_start, _end - _start);
            var newline = pending.IndexOf((byte)'\n');
            if (newline >= 0)
            {
                line = pending[..newline];
                _start += newline + 1;
                BytesRead += newline + 1;
                Finish(ref line);
                return true;
            }

            if (_eof)
            {
                if (pending.Length > 0)
                {
                    line = pending;
                    _start = _end;
                    BytesRead += pending.Length;
                    Finish(ref line);
                    return true;
                }

                line = default;
                return false;
            }

            if (_start > 0)
            {
                pending.CopyTo(_buffer);
                _end -= _start;
                _start = 0;
            }

            if (_end == _buffer.Length)
            {
                throw new DataImportException(_source, LineNumber + 1, "row", null, ImportRules.LineTooLong);
            }

            Fill();
        }
    }

    /// <summary>
    /// The first non-blank line, checked to be UTF-8: the header of every CSV format. An input with no such
    /// line is an empty file.
    /// </summary>
    public ReadOnlySpan<byte> ReadHeaderLine()
    {
        ReadOnlySpan<byte> line;
        do
        {
            if (!TryReadLine(out line))
            {
                throw new DataImportException(_source, 0, "file", null, ImportRules.EmptyFile);
            }
        }
        while (line.Trim((byte)' ').IsEmpty);

        if (!System.Text.Unicode.Utf8.IsValid(line))
        {
            throw new DataImportException(_source, LineNumber, "header", Utf8Text.Show(line), ImportRules.InvalidUtf8);
        }

        return line;
    }

    public void Dispose()
    {
        _stream.Dispose();
        _gzip?.Dispose();
    }

    private void Finish(ref ReadOnlySpan<byte> line)
    {
        LineNumber++;
        if (line.Length > 0 && line[^1] == (byte)'\r')
        {
            line = line[..^1];
        }

        if (_first)
        {
            _first = false;
            if (line.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
            {
                line = line[3..];
            }
        }
    }

    private void Fill()
    {
        int n;
        try
        {
            n = _stream.Read(_buffer, _end, _buffer.Length - _end);
        }
        catch (InvalidDataException ex)
        {
            throw new DataImportException(_source, LineNumber + 1, "file", ex.Message, ImportRules.CorruptCompression);
        }

        if (n == 0)
        {
            _eof = true;
            // Limitation: for multi-member archives only the last member's size is in the trailer; such files
            // (rare for CSV exports) are reported as corrupt rather than risk accepting a truncated one.
            if (_compressed is not null && _compressed.TrailerSize != (uint)_decompressed)
            {
                throw new DataImportException(_source, LineNumber + 1, "file", "gzip trailer size does not match the decompressed length", ImportRules.CorruptCompression);
            }
        }
        else
        {
            _end += n;
            _decompressed += n;
        }
    }
}
