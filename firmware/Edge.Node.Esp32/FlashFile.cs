using System.IO;
using Edge.Node.Core.Storage;

namespace Edge.Node.Esp32
{
    /// <summary>
    /// The core's file port on the ESP32's internal flash (I:\, LittleFS): one small file per ring slot, opened for each
    /// call. nanoFramework's FileStream writes through at every Write, so a returned Write is on flash; it cannot seek
    /// past the end of a file, which the ring never asks for (a slot is written whole from position 0).
    /// </summary>
    public sealed class FlashFile : IStoreFile
    {
        /// <summary>Slot files are I:\edge-ring-00.blk .. I:\edge-ring-23.blk (FlashRing.DefaultSlots of them).</summary>
        public const string RingPrefix = "I:\\edge-ring-";

        private readonly string _path;

        public FlashFile(string path)
        {
            _path = path;
        }

        public string Path
        {
            get { return _path; }
        }

        public long Length
        {
            get
            {
                if (!File.Exists(_path))
                {
                    return 0;
                }

                using (FileStream stream = new FileStream(_path, FileMode.Open, FileAccess.Read))
                {
                    return stream.Length;
                }
            }
        }

        /// <summary>The ring's slot files under <paramref name="prefix"/>.</summary>
        public static IStoreFile[] Ring(string prefix, int slots)
        {
            IStoreFile[] files = new IStoreFile[slots];
            for (int s = 0; s < slots; s++)
            {
                files[s] = new FlashFile(prefix + (s < 10 ? "0" : string.Empty) + s.ToString() + ".blk");
            }

            return files;
        }

        public int Read(long position, byte[] buffer, int offset, int count)
        {
            if (!File.Exists(_path))
            {
                return 0;
            }

            using (FileStream stream = new FileStream(_path, FileMode.Open, FileAccess.Read))
            {
                if (position >= stream.Length)
                {
                    return 0;
                }

                stream.Seek(position, SeekOrigin.Begin);
                int total = 0;
                int read;
                while (total < count && (read = stream.Read(buffer, offset + total, count - total)) > 0)
                {
                    total += read;
                }

                return total;
            }
        }

        public void Write(long position, byte[] buffer, int offset, int count)
        {
            using (FileStream stream = new FileStream(_path, FileMode.OpenOrCreate, FileAccess.Write))
            {
                stream.Seek(position, SeekOrigin.Begin);
                stream.Write(buffer, offset, count);
                stream.Flush();
            }
        }

        public void Flush()
        {
            // Every Write above was flushed and closed before it returned.
        }
    }
}
