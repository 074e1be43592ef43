using System.Buffers.Binary;
using Edge.Protocol;

namespace Edge.Node.Pi.Storage;

/// <summary>
/// A flow's spill segment, little-endian: a 24-byte header ("EDGESPL1", flow i32, record size i32, start
/// sequence i64) and then one 32-byte record per sample in sequence order from start: sequence i64, time i64,
/// value f64, CRC-32 of those 24 bytes, 4 reserved zero bytes. A torn or corrupt record ends the readable part.
/// </summary>
internal static class SpillFormat
{
    public const int HeaderBytes = 24;
    public const int RecordBytes = 32;
    private static readonly byte[] Magic = "EDGESPL1"u8.ToArray();

    public static void WriteHeader(Span<byte> dest, int flow, long start)
    {
        Magic.CopyTo(dest);
        BinaryPrimitives.WriteInt32LittleEndian(dest[8..], flow);
        BinaryPrimitives.WriteInt32LittleEndian(dest[12..], RecordBytes);
        BinaryPrimitives.WriteInt64LittleEndian(dest[16..], start);
    }

    public static bool TryReadHeader(ReadOnlySpan<byte> src, out int flow, out long start)
    {
        flow = 0;
        start = 0;
        if (src.Length < HeaderBytes || !src[..8].SequenceEqual(Magic) || BinaryPrimitives.ReadInt32LittleEndian(src[12..]) != RecordBytes)
        {
            return false;
        }

        flow = BinaryPrimitives.ReadInt32LittleEndian(src[8..]);
        start = BinaryPrimitives.ReadInt64LittleEndian(src[16..]);
        return start >= 0;
    }

    public static void WriteRecord(byte[] dest, long sequence, long timeMs, double value)
    {
        BinaryPrimitives.WriteInt64LittleEndian(dest, sequence);
        BinaryPrimitives.WriteInt64LittleEndian(dest.AsSpan(8), timeMs);
        BinaryPrimitives.WriteDoubleLittleEndian(dest.AsSpan(16), value);
        BinaryPrimitives.WriteUInt32LittleEndian(dest.AsSpan(24), (uint)Crc32.Compute(dest, 0, 24));
        BinaryPrimitives.WriteUInt32LittleEndian(dest.AsSpan(28), 0);
    }

    public static bool TryReadRecord(byte[] src, int offset, long expectedSequence, out long timeMs, out double value)
    {
        timeMs = BinaryPrimitives.ReadInt64LittleEndian(src.AsSpan(offset + 8));
        value = BinaryPrimitives.ReadDoubleLittleEndian(src.AsSpan(offset + 16));
        return BinaryPrimitives.ReadInt64LittleEndian(src.AsSpan(offset)) == expectedSequence
            && BinaryPrimitives.ReadUInt32LittleEndian(src.AsSpan(offset + 24)) == (uint)Crc32.Compute(src, offset, 24)
            && double.IsFinite(value);
    }
}
