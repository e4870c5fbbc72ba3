using System.IO.Compression;
using System.Text;

namespace Tessera.Testing;

/// <summary>
/// The decompression bomb of issue 17, generated rather than committed: a bar CSV header and one valid row repeated
/// until <c>inflated</c> bytes, compressed block by block (never held inflated). 200 MB inflate from about 0.6 MB.
/// </summary>
public static class GzipBomb
{
    public const string Row = "AAA,2015-01-02,10,11,9,10.5,1000\n";

    public static byte[] Create(long inflated)
    {
        var block = new StringBuilder(1 << 20);
        while (block.Length < (1 << 20) - 64)
        {
            block.Append(Row);
        }

        var bytes = Encoding.ASCII.GetBytes(block.ToString());
        using var memory = new MemoryStream();
        using (var gzip = new GZipStream(memory, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            gzip.Write("symbol,date,open,high,low,close,volume\n"u8);
            for (long written = 0; written < inflated; written += bytes.Length)
            {
                gzip.Write(bytes);
            }
        }

        return memory.ToArray();
    }
}
