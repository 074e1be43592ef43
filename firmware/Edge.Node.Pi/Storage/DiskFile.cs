using Edge.Node.Core.Storage;

namespace Edge.Node.Pi.Storage;

/// <summary>The core's file port over an open file of the data directory (positional reads and writes, fsync on Flush).</summary>
internal sealed class DiskFile(FileStream stream) : IStoreFile
{
    public long Length => stream.Length;

    public int Read(long position, byte[] buffer, int offset, int count) =>
        RandomAccess.Read(stream.SafeFileHandle, buffer.AsSpan(offset, count), position);

    public void Write(long position, byte[] buffer, int offset, int count) =>
        RandomAccess.Write(stream.SafeFileHandle, new ReadOnlySpan<byte>(buffer, offset, count), position);

    public void Flush() => stream.Flush(flushToDisk: true);
}
