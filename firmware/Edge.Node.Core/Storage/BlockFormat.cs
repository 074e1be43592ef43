using Edge.Protocol;

namespace Edge.Node.Core.Storage
{
    /// <summary>
    /// One block of the ESP32's flash ring, written whole: a 32-byte header (CRC-32 u32 of bytes 4 .. end of the last
    /// record, magic "EDGR", generation u32, record count u16, block size u16, 16 zero bytes) and then up to
    /// (block size - 32) / 32 <see cref="SampleRecord"/>s; the rest is zero padding. The generation grows by one per
    /// block written, so the newest block is the one with the highest. A write torn anywhere before the end of the
    /// last record, or a flipped bit there, fails the CRC and the block counts as never written.
    /// </summary>
    public static class BlockFormat
    {
        public const int HeaderBytes = 32;

        private const long Magic = 0x52474445; // "EDGR" little-endian

        public static int RecordsPerBlock(int blockBytes)
        {
            return (blockBytes - HeaderBytes) / SampleRecord.Bytes;
        }

        public static int RecordOffset(int record)
        {
            return HeaderBytes + (record * SampleRecord.Bytes);
        }

        /// <summary>Fills in the header over <paramref name="records"/> records already in place and zeroes the padding.</summary>
        public static void Seal(byte[] block, int blockBytes, long generation, int records)
        {
            int used = RecordOffset(records);
            for (int i = used; i < blockBytes; i++)
            {
                block[i] = 0;
            }

            for (int i = 16; i < HeaderBytes; i++)
            {
                block[i] = 0;
            }

            LittleEndian.WriteUInt32(block, 4, Magic);
            LittleEndian.WriteUInt32(block, 8, generation & 0xFFFFFFFFL);
            LittleEndian.WriteUInt16(block, 12, records);
            LittleEndian.WriteUInt16(block, 14, blockBytes & 0xFFFF);
            LittleEndian.WriteUInt32(block, 0, Crc32.Compute(block, 4, used - 4));
        }

        /// <summary>The record count of a sound block of <paramref name="length"/> bytes read back; -1 when it is not one.</summary>
        public static int Check(byte[] block, int length, int blockBytes)
        {
            if (length < HeaderBytes || LittleEndian.ReadUInt32(block, 4) != Magic || LittleEndian.ReadUInt16(block, 14) != (blockBytes & 0xFFFF))
            {
                return -1;
            }

            int records = LittleEndian.ReadUInt16(block, 12);
            int used = RecordOffset(records);
            if (records > RecordsPerBlock(blockBytes) || used > length || LittleEndian.ReadUInt32(block, 0) != Crc32.Compute(block, 4, used - 4))
            {
                return -1;
            }

            return records;
        }

        public static long Generation(byte[] block)
        {
            return LittleEndian.ReadUInt32(block, 8);
        }
    }
}
