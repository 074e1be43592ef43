namespace Edge.Node.Esp32
{
    /// <summary>One received MQTT message, parked between the client's thread and the agent's.</summary>
    public sealed class InboundMessage
    {
        public readonly string Topic;
        public readonly byte[] Payload;

        public InboundMessage(string topic, byte[] payload)
        {
            Topic = topic;
            Payload = payload ?? new byte[0];
        }
    }
}
