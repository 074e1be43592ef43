using Edge.Protocol;

namespace Edge.Node.Core.Storage
{
    /// <summary>
    /// One stored record, 32 bytes little-endian, shared by the Raspberry Pi's spill segments and the ESP32's flash
    /// ring: sequence i64, time i64 (Unix ms), value f64, flow u16, kind u8, incarnation u8, then the CRC-32 of those
    /// 28 bytes. A sample record holds one sample; a mark record (ring only) holds a flow's lane state: the
    /// acknowledged watermark in the sequence field, the owner epoch in the time field, serving as 1 or 0 in the value.
    /// The incarnation tells a flow restarted at another sequence from the samples it held before. Torn, flipped or
    /// stale bytes fail the CRC, so a reader stops at the first record that is not exactly what was written.
    /// </summary>
    public static class SampleRecord
    {
        public const int Bytes = 32;

        public const int KindSample = 1;
        public const int KindMark = 2;

        private const int CrcOffset = 28;

        public static void Write(byte[] dest, int offset, int kind, int flow, int incarnation, long sequence, long timeMs, double value)
        {
            LittleEndian.WriteInt64(dest, offset, sequence);
            LittleEndian.WriteInt64(dest, offset + 8, timeMs);
            LittleEndian.WriteDouble(dest, offset + 16, value);
            LittleEndian.WriteUInt16(dest, offset + 24, flow);
            dest[offset + 26] = (byte)kind;
            dest[offset + 27] = (byte)incarnation;
            LittleEndian.WriteUInt32(dest, offset + CrcOffset, Crc32.Compute(dest, offset, CrcOffset));
        }

        /// <summary>True when the record at <paramref name="offset"/> is whole: its CRC matches and its fields are sane.</summary>
        public static bool IsValid(byte[] src, int offset)
        {
            if (LittleEndian.ReadUInt32(src, offset + CrcOffset) != Crc32.Compute(src, offset, CrcOffset))
            {
                return false;
            }

            int kind = src[offset + 26];
            double value = LittleEndian.ReadDouble(src, offset + 16);
            return (kind == KindSample || kind == KindMark) && Sequence(src, offset) >= 0 && !double.IsNaN(value) && !double.IsInfinity(value);
        }

        public static long Sequence(byte[] src, int offset)
        {
            return LittleEndian.ReadInt64(src, offset);
        }

        public static long TimeMs(byte[] src, int offset)
        {
            return LittleEndian.ReadInt64(src, offset + 8);
        }

        public static double Value(byte[] src, int offset)
        {
            return LittleEndian.ReadDouble(src, offset + 16);
        }

        public static int Flow(byte[] src, int offset)
        {
            return LittleEndian.ReadUInt16(src, offset + 24);
        }

        public static int Kind(byte[] src, int offset)
        {
            return src[offset + 26];
        }

        public static int Incarnation(byte[] src, int offset)
        {
            return src[offset + 27];
        }
    }
}
