namespace Edge.Protocol
{
    /// <summary>
    /// Gateway to node, cumulative per flow: every sequence below NextSequence is durably committed, so the
    /// node may free those samples. 12 bytes: version, kind, flow (u16), next sequence (u32), CRC-32.
    /// </summary>
    public sealed class AckMessage
    {
        public int Flow;
        public long NextSequence;

        public int Encode(byte[] dest, int offset)
        {
            dest[offset] = ProtocolLimits.Version;
            dest[offset + 1] = MessageKind.Ack;
            LittleEndian.WriteUInt16(dest, offset + 2, Flow);
            LittleEndian.WriteUInt32(dest, offset + 4, NextSequence);
            LittleEndian.WriteUInt32(dest, offset + 8, Crc32.Compute(dest, offset, 8));
            return ProtocolLimits.AckBytes;
        }

        public ProtocolError Decode(byte[] src, int offset, int length)
        {
            Flow = 0;
            NextSequence = 0;
            ProtocolError header = BinaryHeader.Check(src, offset, length, MessageKind.Ack, ProtocolLimits.AckBytes);
            if (header != ProtocolError.None)
            {
                return header;
            }

            if (length > ProtocolLimits.AckBytes)
            {
                return ProtocolError.LengthMismatch;
            }

            if (Crc32.Compute(src, offset, 8) != LittleEndian.ReadUInt32(src, offset + 8))
            {
                return ProtocolError.ChecksumMismatch;
            }

            Flow = LittleEndian.ReadUInt16(src, offset + 2);
            NextSequence = LittleEndian.ReadUInt32(src, offset + 4);
            return ProtocolError.None;
        }
    }
}
