using Edge.Node.Core.Storage;

namespace Edge.Node.Core.Tests.Storage;

/// <summary>
/// Flash that fails the ways real flash does, for the stores' recovery tests: a power cut that tears a write after
/// any number of its bytes (the rest of the old contents stays), a full file system that takes only the prefix that
/// fits and then refuses, and bits that flip at rest. Its files outlive the store objects, as flash outlives a reboot.
/// </summary>
internal sealed class FaultyFlash
{
    private readonly List<File> _files = [];
    private int _tearAfterBytes = -1;

    /// <summary>Total bytes the files may grow to; a write past it stores what fits and throws IOException.</summary>
    public long CapacityBytes { get; set; } = long.MaxValue;

    public int Writes { get; private set; }

    public long UsedBytes => _files.Sum(f => f.Length);

    public IStoreFile Open(string name)
    {
        var file = _files.FirstOrDefault(f => f.Name == name);
        if (file is null)
        {
            file = new File(this, name);
            _files.Add(file);
        }

        return file;
    }

    public IStoreFile[] Slots(int count) => Enumerable.Range(0, count).Select(i => Open("ring-" + i.ToString("00", System.Globalization.CultureInfo.InvariantCulture))).ToArray();

    /// <summary>The next write stores only its first <paramref name="bytes"/> bytes, then the power goes.</summary>
    public void TearNextWriteAfter(int bytes) => _tearAfterBytes = bytes;

    public void FlipBit(string name, int byteIndex, int bit)
    {
        var file = _files.Single(f => f.Name == name);
        Assert.True(byteIndex < file.Length, "a bit flips in what was written");
        file.Bytes[byteIndex] ^= (byte)(1 << bit);
    }


    /// <summary>What the program sees of a power cut: nothing more of it runs.</summary>
    internal sealed class PowerCut : Exception
    {
        public PowerCut()
            : base("power cut during a flash write")
        {
        }
    }

    private sealed class File(FaultyFlash flash, string name) : IStoreFile
    {
        private byte[] _bytes = [];

        public string Name { get; } = name;

        public long Length { get; private set; }

        public byte[] Bytes => _bytes;

        public int Read(long position, byte[] buffer, int offset, int count)
        {
            int n = (int)Math.Max(0, Math.Min(count, Length - position));
            Array.Copy(_bytes, position, buffer, offset, n);
            return n;
        }

        public void Write(long position, byte[] buffer, int offset, int count)
        {
            Assert.True(position <= Length, "nanoFramework cannot seek past the end of a file");
            flash.Writes++;
            int tear = flash._tearAfterBytes;
            flash._tearAfterBytes = -1;
            int allowed = tear >= 0 ? Math.Min(tear, count) : count;
            long room = flash.CapacityBytes - flash.UsedBytes;
            bool full = Math.Max(0, position + allowed - Length) > room;
            if (full)
            {
                allowed = (int)Math.Max(0, Length + room - position);
            }

            if (position + allowed > _bytes.Length)
            {
                Array.Resize(ref _bytes, (int)Math.Max(position + allowed, _bytes.Length * 2L));
            }

            Array.Copy(buffer, offset, _bytes, position, allowed);
            Length = Math.Max(Length, position + allowed);
            if (full)
            {
                throw new IOException("flash full");
            }

            if (tear >= 0)
            {
                throw new PowerCut();
            }
        }

        public void Flush()
        {
        }
    }
}
