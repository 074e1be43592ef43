using Edge.Node.Core.Storage;

namespace Edge.Node.Pi.Storage;

/// <summary>What a spill segment holds: samples Start .. Start + Count - 1, and how many bytes of it are sound.</summary>
internal sealed class SpillContents(int flow, long start, long[] times, double[] values, long validBytes)
{
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
            return valid < 0 ? null : new SpillContents(flow, start, [.. sink.Times], [.. sink.Values], valid);
        }
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
