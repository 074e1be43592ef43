namespace Edge.Protocol
{
    /// <summary>Second byte of every binary payload, so a payload sent to the wrong topic is recognised.</summary>
    public static class MessageKind
    {
        public const byte DataBatch = 0x01;
        public const byte Ack = 0x02;
    }
}
