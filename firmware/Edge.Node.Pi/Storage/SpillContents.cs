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
        byte[] bytes;
        try
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            bytes = new byte[file.Length];
            file.ReadExactly(bytes);
        }
        catch (FileNotFoundException)
        {
            return null;
        }

        if (!SpillFormat.TryReadHeader(bytes, out int flow, out long start))
        {
            return null;
        }

        var times = new List<long>();
        var values = new List<double>();
        int offset = SpillFormat.HeaderBytes;
        while (offset + SpillFormat.RecordBytes <= bytes.Length
            && SpillFormat.TryReadRecord(bytes, offset, start + times.Count, out long time, out double value))
        {
            times.Add(time);
            values.Add(value);
            offset += SpillFormat.RecordBytes;
        }

        return new SpillContents(flow, start, [.. times], [.. values], offset);
    }
}
