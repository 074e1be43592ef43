using System;

namespace Edge.Protocol
{
    /// <summary>
    /// The binary data batch of docs/PROTOCOL.md section "Data batch": a 24-byte header, 12 bytes a sample,
    /// a CRC-32 trailer, all little-endian.
    /// </summary>
    public static class DataBatchCodec
    {
        /// <summary>Writes the batch at dest[offset..]; returns the byte count. Invalid batches are caller bugs and throw.</summary>
        public static int Encode(DataBatch batch, byte[] dest, int offset)
        {
            int count = batch.Count;
            if (count < 1 || count > ProtocolLimits.MaxBatchSamples)
            {
                throw new ArgumentOutOfRangeException("batch", "count must be 1..MaxBatchSamples");
            }

            if (batch.Flow < 0 || batch.Flow > 0xFFFF || batch.Session < 0 || batch.Session > ProtocolLimits.MaxUInt32
                || batch.FirstSequence < 0 || batch.FirstSequence + count - 1 > ProtocolLimits.MaxUInt32)
            {
                throw new ArgumentOutOfRangeException("batch", "flow, session or sequence out of range");
            }

            int length = ProtocolLimits.BatchBytes(count);
            if (dest.Length - offset < length)
            {
                throw new ArgumentException("destination too small", "dest");
            }

            dest[offset] = ProtocolLimits.Version;
            dest[offset + 1] = MessageKind.DataBatch;
            dest[offset + 2] = (byte)batch.Flags;
            dest[offset + 3] = 0;
            LittleEndian.WriteUInt16(dest, offset + 4, batch.Flow);
            LittleEndian.WriteUInt16(dest, offset + 6, count);
            LittleEndian.WriteUInt32(dest, offset + 8, batch.Session);
            LittleEndian.WriteUInt32(dest, offset + 12, batch.FirstSequence);
            LittleEndian.WriteInt64(dest, offset + 16, batch.BaseTimeMs);
            int p = offset + ProtocolLimits.BatchHeaderBytes;
            for (int i = 0; i < count; i++)
            {
                double v = batch.Values[i];
                if (double.IsNaN(v) || double.IsInfinity(v))
                {
                    throw new ArgumentOutOfRangeException("batch", "samples must be finite");
                }

                LittleEndian.WriteUInt32(dest, p, batch.OffsetsMs[i]);
                LittleEndian.WriteDouble(dest, p + 4, v);
                p += ProtocolLimits.BatchSampleBytes;
            }

            LittleEndian.WriteUInt32(dest, p, Crc32.Compute(dest, offset, p - offset));
            return length;
        }

        /// <summary>Decodes src[offset..offset+length) into <paramref name="into"/>; on any error it is left cleared.</summary>
        public static ProtocolError Decode(byte[] src, int offset, int length, DataBatch into)
        {
            ProtocolError error = DecodeCore(src, offset, length, into);
            if (error != ProtocolError.None)
            {
                into.Clear();
            }

            return error;
        }

        private static ProtocolError DecodeCore(byte[] src, int offset, int length, DataBatch into)
        {
            ProtocolError header = BinaryHeader.Check(src, offset, length, MessageKind.DataBatch, ProtocolLimits.BatchHeaderBytes);
            if (header != ProtocolError.None)
            {
                return header;
            }

            int count = LittleEndian.ReadUInt16(src, offset + 6);
            if (count < 1 || count > ProtocolLimits.MaxBatchSamples || count > into.Capacity)
            {
                return ProtocolError.CountOutOfRange;
            }

            int expected = ProtocolLimits.BatchBytes(count);
            if (length < expected)
            {
                return ProtocolError.Truncated;
            }

            if (length > expected)
            {
                return ProtocolError.LengthMismatch;
            }

            int body = expected - ProtocolLimits.ChecksumBytes;
            if (Crc32.Compute(src, offset, body) != LittleEndian.ReadUInt32(src, offset + body))
            {
                return ProtocolError.ChecksumMismatch;
            }

            long first = LittleEndian.ReadUInt32(src, offset + 12);
            if (first + count - 1 > ProtocolLimits.MaxUInt32)
            {
                return ProtocolError.OutOfRange;
            }

            into.Flags = src[offset + 2];
            into.Flow = LittleEndian.ReadUInt16(src, offset + 4);
            into.Session = LittleEndian.ReadUInt32(src, offset + 8);
            into.FirstSequence = first;
            into.BaseTimeMs = LittleEndian.ReadInt64(src, offset + 16);
            into.Count = count;
            int p = offset + ProtocolLimits.BatchHeaderBytes;
            long previous = 0;
            for (int i = 0; i < count; i++)
            {
                long t = LittleEndian.ReadUInt32(src, p);
                double v = LittleEndian.ReadDouble(src, p + 4);
                if (double.IsNaN(v) || double.IsInfinity(v))
                {
                    return ProtocolError.NotFinite;
                }

                if (t < previous)
                {
                    return ProtocolError.OutOfRange;
                }

                into.OffsetsMs[i] = t;
                into.Values[i] = v;
                previous = t;
                p += ProtocolLimits.BatchSampleBytes;
            }

            return ProtocolError.None;
        }
    }
}
