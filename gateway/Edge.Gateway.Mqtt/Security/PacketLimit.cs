using Edge.Protocol;

namespace Edge.Gateway.Mqtt.Security;

/// <summary>The largest MQTT packet either broker takes (docs/PROTOCOL.md §5: 4096-byte payloads), defined once.</summary>
internal static class PacketLimit
{
    /// <summary>The protocol's payload limit plus room for the fixed header, the longest topic and MQTT 5 properties.</summary>
    public const int MaxPacketBytes = ProtocolLimits.MaxPayloadBytes + 512;

    /// <summary>What a fixed header may declare after its own (at most 5) bytes: Mosquitto's reading of max_packet_size.</summary>
    public const int MaxRemainingLength = MaxPacketBytes - 2;
}
