using Edge.Node.Core.Agent;

namespace Edge.Node.Sim.Fleet;

/// <summary>Passes everything through, except that after <see cref="CorruptNext"/> it flips one byte of the next data payload.</summary>
public sealed class CorruptingTransport(IMqttTransport inner) : IMqttTransport
{
    private int _armed;

    public bool IsConnected => inner.IsConnected;

    public void CorruptNext() => Interlocked.Exchange(ref _armed, 1);

    public bool Connect(string host, int port, string clientId, string willTopic, byte[] willPayload, int keepAliveSeconds) =>
        inner.Connect(host, port, clientId, willTopic, willPayload, keepAliveSeconds);

    public bool Publish(string topic, byte[] payload, int length, bool atLeastOnce, bool retain)
    {
        if (topic.EndsWith("/data", StringComparison.Ordinal) && length > 30 && Interlocked.Exchange(ref _armed, 0) == 1)
        {
            byte[] copy = payload[..length];
            copy[30] ^= 0x5A; // inside the first sample's value: only the checksum can tell
            return inner.Publish(topic, copy, length, atLeastOnce, retain);
        }

        return inner.Publish(topic, payload, length, atLeastOnce, retain);
    }

    public bool Subscribe(string topicFilter) => inner.Subscribe(topicFilter);

    public void Disconnect() => inner.Disconnect();
}
