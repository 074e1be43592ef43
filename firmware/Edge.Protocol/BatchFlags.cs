namespace Edge.Protocol
{
    /// <summary>Bits of the data batch's flags byte (offset 2).</summary>
    public static class BatchFlags
    {
        /// <summary>Control or alarm records: sent before bulk data, never dropped to make room for it.</summary>
        public const int Priority = 0x01;

        /// <summary>Sent again after a reconnect or a resend command; the gateway may already hold it.</summary>
        public const int Resend = 0x02;

        /// <summary>Bits a v1 receiver understands; others are ignored so v1.x senders can add hints.</summary>
        public const int Known = Priority | Resend;
    }
}
