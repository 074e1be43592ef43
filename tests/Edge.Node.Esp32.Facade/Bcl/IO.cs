// Facade of the nanoFramework.System.IO.Streams (assembly System.IO.Streams) and nanoFramework.System.IO.FileSystem
// (assembly System.IO.FileSystem) packages: only what firmware/Edge.Node.Esp32 uses. Signatures only; every body
// throws. IOException is in nanoFramework's mscorlib, which this facade is compiled against.
namespace System.IO
{
    // nanoframework/System.IO.Streams: System.IO.Streams/SeekOrigin.cs
    public enum SeekOrigin
    {
        Begin = 0,
        Current = 1,
        End = 2,
    }

    // nanoframework/System.IO.Streams: System.IO.Streams/Stream.cs
    public abstract class Stream : IDisposable
    {
        // nanoframework/System.IO.Streams: System.IO.Streams/Stream.cs
        protected Stream()
        {
            throw new NotSupportedException("facade");
        }

        // nanoframework/System.IO.Streams: System.IO.Streams/Stream.cs
        public abstract long Length { get; }

        // nanoframework/System.IO.Streams: System.IO.Streams/Stream.cs
        public abstract int Read(byte[] buffer, int offset, int count);

        // nanoframework/System.IO.Streams: System.IO.Streams/Stream.cs
        public abstract void Write(byte[] buffer, int offset, int count);

        // nanoframework/System.IO.Streams: System.IO.Streams/Stream.cs
        public abstract long Seek(long offset, SeekOrigin origin);

        // nanoframework/System.IO.Streams: System.IO.Streams/Stream.cs
        public abstract void Flush();

        // nanoframework/System.IO.Streams: System.IO.Streams/Stream.cs
        public void Dispose()
        {
            throw new NotSupportedException("facade");
        }
    }

    // nanoframework/System.IO.FileSystem: System.IO.FileSystem/FileStream.cs
    public class FileStream : Stream
    {
        // nanoframework/System.IO.FileSystem: System.IO.FileSystem/FileStream.cs
        public FileStream(string path, FileMode mode, FileAccess access)
        {
            throw new NotSupportedException("facade");
        }

        // nanoframework/System.IO.FileSystem: System.IO.FileSystem/FileStream.cs
        public override long Length
        {
            get { throw new NotSupportedException("facade"); }
        }

        // nanoframework/System.IO.FileSystem: System.IO.FileSystem/FileStream.cs
        public override int Read(byte[] buffer, int offset, int count)
        {
            throw new NotSupportedException("facade");
        }

        // nanoframework/System.IO.FileSystem: System.IO.FileSystem/FileStream.cs
        public override void Write(byte[] buffer, int offset, int count)
        {
            throw new NotSupportedException("facade");
        }

        // nanoframework/System.IO.FileSystem: System.IO.FileSystem/FileStream.cs
        public override long Seek(long offset, SeekOrigin origin)
        {
            throw new NotSupportedException("facade");
        }

        // nanoframework/System.IO.FileSystem: System.IO.FileSystem/FileStream.cs
        public override void Flush()
        {
            throw new NotSupportedException("facade");
        }
    }

    // nanoframework/System.IO.FileSystem: System.IO.FileSystem/File.cs
    public static class File
    {
        // nanoframework/System.IO.FileSystem: System.IO.FileSystem/File.cs
        public static bool Exists(string path)
        {
            throw new NotSupportedException("facade");
        }
    }

    // nanoframework/System.IO.FileSystem: System.IO.FileSystem/FileMode.cs
    public enum FileMode
    {
        CreateNew = 1,
        Create = 2,
        Open = 3,
        OpenOrCreate = 4,
        Truncate = 5,
        Append = 6,
    }

    // nanoframework/System.IO.FileSystem: System.IO.FileSystem/FileAccess.cs
    [Flags]
    public enum FileAccess
    {
        Read = 1,
        Write = 2,
        ReadWrite = 3,
    }
}
