using Edge.Node.Core.Agent;

namespace Edge.Node.Core.Tests.Agent;

/// <summary>
/// An MQTT client double for the agent's state machine: records what the agent publishes, accepts connects only
/// to reachable brokers, and can lose its connection on demand. End-to-end behaviour against a real broker is
/// tested with the simulator's MQTTnet transport.
/// </summary>
internal sealed class ScriptedTransport : IMqttTransport
{
    public HashSet<string> Reachable { get; } = new(StringComparer.Ordinal) { "127.0.0.1:1883" };

    public List<(string Topic, byte[] Payload, bool Retain)> Published { get; } = [];

    public List<string> Attempts { get; } = [];

    public List<string> Subscriptions { get; } = [];

    public byte[]? Will { get; private set; }

    public bool IsConnected { get; private set; }

    public bool Connect(string host, int port, string clientId, string willTopic, byte[] willPayload, int keepAliveSeconds)
    {
        string broker = host + ":" + port;
        Attempts.Add(broker);
        IsConnected = Reachable.Contains(broker);
        Will = willPayload;
        return IsConnected;
    }

    public bool Publish(string topic, byte[] payload, int length, bool atLeastOnce, bool retain)
    {
        if (!IsConnected)
        {
            return false;
        }

        Published.Add((topic, payload[..length], retain));
        return true;
    }

    public bool Subscribe(string topicFilter)
    {
        Subscriptions.Add(topicFilter);
        return IsConnected;
    }

    public void Disconnect() => IsConnected = false;

    /// <summary>The socket dies: no DISCONNECT, the broker would publish the Will.</summary>
    public void Drop() => IsConnected = false;

    public IEnumerable<byte[]> On(string leaf) => Published.Where(p => p.Topic.EndsWith("/" + leaf, StringComparison.Ordinal)).Select(p => p.Payload);
}
