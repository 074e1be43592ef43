using System.Buffers.Binary;
using Edge.Node.Core.Storage;

namespace Edge.Node.Pi.Storage;

/// <summary>What a spill segment holds: samples Start .. Start + Count - 1, and how many bytes of it are sound.</summary>
internal sealed class SpillContents(int flow, long start, long[] times, double[] values, long validBytes, bool legacy = false)
{
    /// <summary>Written by a version before the shared record format (EDGESPL1): restored, then rewritten as EDGESPL2.</summary>
    public bool Legacy { get; } = legacy;

    public int Flow { get; } = flow;

    public long Start { get; } = start;

    public int Count => Times.Count;

    /// <summary>One past the last sequence in the file.</summary>
    public long End => Start + Count;

    public IReadOnlyList<long> Times { get; } = times;

    public IReadOnlyList<double> Values { get; } = values;

    public long ValidBytes { get; } = validBytes;

    /// <summary>Reads a segment up to its first torn or corrupt record; null when the header itself is unreadable.</summary>
    public static SpillContents? Read(string path)
    {
        FileStream file;
        try
        {
            file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        }
        catch (FileNotFoundException)
        {
            return null;
        }

        using (file)
        {
            // The recovery is the core's, shared with the ESP32's flash ring: header, then records up to the first bad one.
            var sink = new Collected();
            long valid = SegmentFormat.Recover(new DiskFile(file), new byte[SegmentFormat.ScratchRecords * SampleRecord.Bytes], sink, out int flow, out long start);
            return valid >= 0 ? new SpillContents(flow, start, [.. sink.Times], [.. sink.Values], valid) : ReadLegacy(file);
        }
    }

    /// <summary>
    /// A segment of the format before this one ("EDGESPL1": the same 24-byte header; records of sequence, time,
    /// value, CRC-32 of those 24 bytes, 4 zero bytes), read up to its first bad record so an upgrade loses nothing.
    /// </summary>
    private static SpillContents? ReadLegacy(FileStream file)
    {
        var bytes = new byte[file.Length];
        file.Position = 0;
        file.ReadExactly(bytes);
        if (bytes.Length < SpillFormat.HeaderBytes || !bytes.AsSpan(0, 8).SequenceEqual("EDGESPL1"u8)
            || BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(12)) != SpillFormat.RecordBytes)
        {
            return null;
        }

        int flow = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(8));
        long start = BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(16));
        var sink = new Collected();
        int offset = SpillFormat.HeaderBytes;
        while (start >= 0 && offset + SpillFormat.RecordBytes <= bytes.Length
            && BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(offset)) == start + sink.Times.Count
            && BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(offset + 24)) == (uint)Edge.Protocol.Crc32.Compute(bytes, offset, 24)
            && double.IsFinite(BinaryPrimitives.ReadDoubleLittleEndian(bytes.AsSpan(offset + 16))))
        {
            sink.Take(flow, start + sink.Times.Count, BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(offset + 8)), BinaryPrimitives.ReadDoubleLittleEndian(bytes.AsSpan(offset + 16)));
            offset += SpillFormat.RecordBytes;
        }

        return start < 0 ? null : new SpillContents(flow, start, [.. sink.Times], [.. sink.Values], offset, legacy: true);
    }

    private sealed class Collected : IRecordSink
    {
        public List<long> Times { get; } = [];

        public List<double> Values { get; } = [];

        public bool Take(int flow, long sequence, long timeMs, double value)
        {
            Times.Add(timeMs);
            Values.Add(value);
            return true;
        }
    }
}
