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

        /// <summary>
        /// An IEEE 754 single (a model weight on the wire) widened to a double by moving its bits, since nanoFramework
        /// has no single-precision converter; subnormals read as 0, infinities and NaN as NaN (refused by the model).
        /// </summary>
        public static double ReadSingle(byte[] b, int o)
        {
            long bits = ReadUInt32(b, o);
            long sign = (bits >> 31) & 1;
            long exponent = (bits >> 23) & 0xFF;
            long mantissa = bits & 0x7FFFFF;
            if (exponent == 0)
            {
                return sign == 1 ? -0.0 : 0.0;
            }

            if (exponent == 0xFF)
            {
                return double.NaN;
            }

            long wide = (sign << 63) | ((exponent - 127 + 1023) << 52) | (mantissa << 29);
            return BitConverter.Int64BitsToDouble(wide);
        }

        public static double ReadDouble(byte[] b, int o)
        {
            return BitConverter.Int64BitsToDouble(ReadInt64(b, o));
        }
    }
}
