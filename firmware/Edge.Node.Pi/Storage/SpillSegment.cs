using Edge.Node.Core.Agent;

namespace Edge.Node.Pi.Storage;

/// <summary>
/// One flow's append-only segment file, open for appending. Sequences Start .. End - 1 are in it, contiguous.
/// Appends are buffered and reach the disk at <see cref="Flush"/>; <see cref="Rewrite"/> replaces the whole file
/// atomically (temp file, fsync, rename), which is how it is compacted, truncated or restarted at a new sequence.
/// </summary>
internal sealed class SpillSegment : IDisposable
{
    private readonly string _path;
    private readonly int _flow;
    private readonly byte[] _record = new byte[SpillFormat.RecordBytes];
    private FileStream _file;

    private SpillSegment(string path, int flow, FileStream file, long start, long end)
    {
        _path = path;
        _flow = flow;
        _file = file;
        Start = start;
        End = end;
    }

    public long Start { get; private set; }

    public long End { get; private set; }

    public bool Dirty { get; private set; }

    /// <summary>A new segment starting at <paramref name="start"/>, replacing any file at the path.</summary>
    public static SpillSegment Create(string path, int flow, long start, bool fsync)
    {
        WriteWhole(path, flow, start, null, start, fsync);
        return new SpillSegment(path, flow, OpenForAppend(path), start, start);
    }

    /// <summary>A new segment holding the ring's samples <paramref name="from"/> .. <paramref name="to"/> - 1, replacing any file at the path.</summary>
    public static SpillSegment CreateFrom(string path, int flow, FlowRing ring, long from, long to, bool fsync)
    {
        WriteWhole(path, flow, from, ring, to, fsync);
        return new SpillSegment(path, flow, OpenForAppend(path), from, to);
    }

    /// <summary>Opens an existing segment read at start-up, cutting off a torn tail so appends follow sound records.</summary>
    public static SpillSegment Open(string path, SpillContents contents)
    {
        FileStream file = OpenForAppend(path);
        if (file.Length != contents.ValidBytes)
        {
            file.SetLength(contents.ValidBytes);
            file.Seek(0, SeekOrigin.End);
        }

        return new SpillSegment(path, contents.Flow, file, contents.Start, contents.End);
    }

    public void Append(long timeMs, double value)
    {
        SpillFormat.WriteRecord(_record, _flow, End, timeMs, value);
        _file.Write(_record);
        End++;
        Dirty = true;
    }

    public void Flush(bool fsync)
    {
        if (Dirty)
        {
            _file.Flush(fsync);
            Dirty = false;
        }
    }

    /// <summary>Replaces the file with the ring's samples <paramref name="from"/> .. <paramref name="to"/> - 1.</summary>
    public void Rewrite(FlowRing? ring, long from, long to, bool fsync)
    {
        _file.Dispose();
        WriteWhole(_path, _flow, from, ring, to, fsync);
        _file = OpenForAppend(_path);
        Start = from;
        End = to;
        Dirty = false;
    }

    public void Delete()
    {
        _file.Dispose();
        File.Delete(_path);
    }

    public void Dispose() => _file.Dispose();

    private static FileStream OpenForAppend(string path)
    {
        var file = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.Read | FileShare.Delete, 64 * 1024);
        file.Seek(0, SeekOrigin.End);
        return file;
    }

    private static void WriteWhole(string path, int flow, long from, FlowRing? ring, long to, bool fsync)
    {
        string temp = path + ".tmp";
        var header = new byte[SpillFormat.HeaderBytes];
        var record = new byte[SpillFormat.RecordBytes];
        SpillFormat.WriteHeader(header, flow, from);
        using (var file = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 64 * 1024))
        {
            file.Write(header);
            for (long sequence = from; ring is not null && sequence < to; sequence++)
            {
                SpillFormat.WriteRecord(record, flow, sequence, ring.TimeAt(sequence), ring.ValueAt(sequence));
                file.Write(record);
            }

            file.Flush(fsync);
        }

        File.Move(temp, path, overwrite: true);
    }
}
