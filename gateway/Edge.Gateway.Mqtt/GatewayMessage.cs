using System.Buffers;
using MQTTnet;
using MQTTnet.Protocol;

namespace Edge.Gateway.Mqtt;

/// <summary>What the gateway publishes, through a broker client or straight into the embedded broker: QoS 1 always.</summary>
internal static class GatewayMessage
{
    public static MqttApplicationMessage Build(string topic, ReadOnlyMemory<byte> payload, bool retain) =>
        new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload(new ReadOnlySequence<byte>(payload))
            .WithRetainFlag(retain)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .Build();
}
