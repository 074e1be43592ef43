using System;

namespace Edge.Protocol
{
    /// <summary>
    /// Byte order is fixed by the protocol, not by the CPU; these helpers write it without allocating
    /// (BitConverter.GetBytes would allocate per value).
    /// </summary>
    public static class LittleEndian
    {
        public static void WriteUInt16(byte[] b, int o, int v)
        {
            b[o] = (byte)v;
            b[o + 1] = (byte)(v >> 8);
        }

        public static void WriteUInt32(byte[] b, int o, long v)
        {
            b[o] = (byte)v;
            b[o + 1] = (byte)(v >> 8);
            b[o + 2] = (byte)(v >> 16);
            b[o + 3] = (byte)(v >> 24);
        }

        public static void WriteInt64(byte[] b, int o, long v)
        {
            WriteUInt32(b, o, v & 0xFFFFFFFFL);
            WriteUInt32(b, o + 4, (v >> 32) & 0xFFFFFFFFL);
        }

        public static void WriteDouble(byte[] b, int o, double v)
        {
            WriteInt64(b, o, BitConverter.DoubleToInt64Bits(v));
        }

        public static int ReadUInt16(byte[] b, int o)
        {
            return b[o] | (b[o + 1] << 8);
        }

        public static long ReadUInt32(byte[] b, int o)
        {
            return (long)((uint)b[o] | ((uint)b[o + 1] << 8) | ((uint)b[o + 2] << 16) | ((uint)b[o + 3] << 24));
        }

        public static long ReadInt64(byte[] b, int o)
        {
            return ReadUInt32(b, o) | (ReadUInt32(b, o + 4) << 32);
        }

        public static double ReadDouble(byte[] b, int o)
        {
            return BitConverter.Int64BitsToDouble(ReadInt64(b, o));
        }
    }
}
