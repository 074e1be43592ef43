namespace Edge.Protocol
{
    /// <summary>The numbers docs/PROTOCOL.md promises; both ends enforce them.</summary>
    public static class ProtocolLimits
    {
        public const byte Version = 1;

        /// <summary>No payload on any edge/v1 topic may be larger: an ESP32 without PSRAM has about 80 KB of heap.</summary>
        public const int MaxPayloadBytes = 4096;

        /// <summary>Largest sample count in one data batch; keeps a batch under MaxPayloadBytes.</summary>
        public const int MaxBatchSamples = 256;

        public const int BatchHeaderBytes = 24;
        public const int BatchSampleBytes = 12;
        public const int ChecksumBytes = 4;
        public const int AckBytes = 12;

        /// <summary>JSON messages are flat objects with at most this many members.</summary>
        public const int MaxJsonMembers = 32;

        /// <summary>Longest string value (node ids, board names, commands) in a JSON message, in bytes.</summary>
        public const int MaxJsonStringBytes = 128;

        /// <summary>Sequence numbers and sessions are unsigned 32-bit on the wire.</summary>
        public const long MaxUInt32 = 4294967295L;

        public static int BatchBytes(int samples)
        {
            return BatchHeaderBytes + samples * BatchSampleBytes + ChecksumBytes;
        }
    }
}
