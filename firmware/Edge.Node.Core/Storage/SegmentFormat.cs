using Edge.Protocol;

namespace Edge.Node.Core.Storage
{
    /// <summary>
    /// A flow's append-only segment (the Raspberry Pi's spill, flow-N.spill): a 24-byte header ("EDGESPL2", flow i32,
    /// record size i32, start sequence i64) and then one <see cref="SampleRecord"/> per sample, in sequence order from
    /// start. <see cref="Recover"/> is the recovery: it reads up to the first record that is torn, corrupt or out of
    /// sequence, so whatever a crash left at the tail is cut off and everything before it is given back.
    /// </summary>
    public static class SegmentFormat
    {
        public const int HeaderBytes = 24;

        /// <summary>Records read per call of the file port while recovering (2 KiB of scratch).</summary>
        public const int ScratchRecords = 64;

        private static readonly byte[] Magic = new byte[] { (byte)'E', (byte)'D', (byte)'G', (byte)'E', (byte)'S', (byte)'P', (byte)'L', (byte)'2' };

        public static void WriteHeader(byte[] dest, int flow, long start)
        {
            for (int i = 0; i < Magic.Length; i++)
            {
                dest[i] = Magic[i];
            }

            LittleEndian.WriteUInt32(dest, 8, flow);
            LittleEndian.WriteUInt32(dest, 12, SampleRecord.Bytes);
            LittleEndian.WriteInt64(dest, 16, start);
        }

        public static bool TryReadHeader(byte[] src, int length, out int flow, out long start)
        {
            flow = 0;
            start = 0;
            if (length < HeaderBytes || LittleEndian.ReadUInt32(src, 12) != SampleRecord.Bytes)
            {
                return false;
            }

            for (int i = 0; i < Magic.Length; i++)
            {
                if (src[i] != Magic[i])
                {
                    return false;
                }
            }

            flow = (int)LittleEndian.ReadUInt32(src, 8);
            start = LittleEndian.ReadInt64(src, 16);
            return start >= 0 && flow >= 0 && flow <= 65535;
        }

        /// <summary>
        /// Reads a segment through the file port and hands its sound samples to <paramref name="sink"/> in order.
        /// Returns the length of the sound part in bytes (where appends may continue), or -1 when the header itself is
        /// unreadable (not a segment this code wrote). <paramref name="scratch"/> must hold at least
        /// <see cref="ScratchRecords"/> records.
        /// </summary>
        public static long Recover(IStoreFile file, byte[] scratch, IRecordSink sink, out int flow, out long start)
        {
            int header = file.Read(0, scratch, 0, HeaderBytes);
            if (!TryReadHeader(scratch, header, out flow, out start))
            {
                return -1;
            }

            long position = HeaderBytes;
            long expected = start;
            while (true)
            {
                int read = file.Read(position, scratch, 0, ScratchRecords * SampleRecord.Bytes);
                int whole = read / SampleRecord.Bytes;
                for (int r = 0; r < whole; r++)
                {
                    int o = r * SampleRecord.Bytes;
                    if (!SampleRecord.IsValid(scratch, o) || SampleRecord.Kind(scratch, o) != SampleRecord.KindSample
                        || SampleRecord.Flow(scratch, o) != flow || SampleRecord.Sequence(scratch, o) != expected)
                    {
                        return position;
                    }

                    if (!sink.Take(flow, expected, SampleRecord.TimeMs(scratch, o), SampleRecord.Value(scratch, o)))
                    {
                        return position;
                    }

                    expected++;
                    position += SampleRecord.Bytes;
                }

                if (whole < ScratchRecords)
                {
                    return position;
                }
            }
        }
    }
}
