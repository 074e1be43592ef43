using System.Runtime.CompilerServices;
using MQTTnet.Packets;
using MQTTnet.Protocol;
using MQTTnet.Server;

namespace Edge.Gateway.Mqtt;

/// <summary>
/// When a persistent session resumes, MQTTnet sends its unacknowledged QoS 1/2 messages again, but under new
/// packet identifiers and without the DUP flag. MQTT 3.1.1 requires the original identifier [MQTT-4.4.0-1] and
/// DUP set [MQTT-3.3.1-1]; a QoS 2 receiver needs the same identifier to recognise a message it already has,
/// else it delivers it twice. The first identifier of each outgoing PUBLISH is remembered (weakly: the entry
/// goes with the packet) and put back on any later send of the same packet. The session's unacknowledged list
/// holds the same packet object, so the client's PUBACK/PUBREC with the original identifier still matches it.
/// </summary>
internal sealed class Redelivery(PersistentClients persistent)
{
    private readonly ConditionalWeakTable<MqttPublishPacket, StrongBox<ushort>> _firstIdentifier = [];

    public Task SendingAsync(InterceptingPacketEventArgs e)
    {
        if (e.Packet is MqttPublishPacket { QualityOfServiceLevel: > MqttQualityOfServiceLevel.AtMostOnce } publish && persistent.Contains(e.ClientId))
        {
            if (_firstIdentifier.TryGetValue(publish, out StrongBox<ushort>? first))
            {
                publish.PacketIdentifier = first.Value;
                publish.Dup = true;
            }
            else
            {
                _firstIdentifier.AddOrUpdate(publish, new StrongBox<ushort>(publish.PacketIdentifier));
            }
        }

        return Task.CompletedTask;
    }
}
