namespace Edge.Gateway.Core.Ports;

/// <summary>
/// What the gateway sends back over MQTT (acks, commands, rollups, its own state). The host implements it
/// with MQTTnet; the logic never sees a client.
/// </summary>
internal interface IMessagePublisher
{
    Task PublishAsync(string topic, ReadOnlyMemory<byte> payload, bool retain, CancellationToken cancellationToken);
}
