using System.Net;
using System.Security.Cryptography.X509Certificates;
using MQTTnet.Adapter;
using MQTTnet.Exceptions;
using MQTTnet.Formatter;
using MQTTnet.Packets;

namespace Edge.Gateway.Mqtt;

/// <summary>
/// One client connection, unchanged except for its CONNECT: an MQTT 3.1.1 client that sends an empty client id
/// with clean session set gets a unique one, as MQTT 3.1.1 section 3.1.3.1 allows ([MQTT-3.1.3-6]) and Mosquitto
/// does, so <c>mosquitto_sub -t '#'</c> works without <c>-i</c>. With clean session off the broker answers
/// "identifier rejected" ([MQTT-3.1.3-8]): a session nobody can name again cannot be resumed.
/// MQTT 3.1 required an id, and MQTT 5 clients get one from MQTTnet itself (and learn it from the CONNACK).
/// </summary>
internal sealed class ClientIdAssigningChannel(IMqttChannelAdapter inner) : IMqttChannelAdapter
{
    /// <summary>The rule MQTTnet's decoder names when it refuses an empty id with clean session off.</summary>
    private const string EmptyIdWithoutCleanSession = "MQTT-3.1.3-7";

    private bool _firstPacketSeen;

    public long BytesReceived => inner.BytesReceived;

    public long BytesSent => inner.BytesSent;

    public X509Certificate2 ClientCertificate => inner.ClientCertificate;

    public EndPoint RemoteEndPoint => inner.RemoteEndPoint;

    public EndPoint LocalEndPoint => inner.LocalEndPoint;

    public bool IsSecureConnection => inner.IsSecureConnection;

    public MqttPacketFormatterAdapter PacketFormatterAdapter => inner.PacketFormatterAdapter;

    /// <summary>The prefix Mosquitto uses for the ids it assigns, so tools show the same kind of name.</summary>
    public static string NewClientId() => "auto-" + Guid.NewGuid().ToString("D");

    public async Task<MqttPacket> ReceivePacketAsync(CancellationToken cancellationToken)
    {
        // Only the first packet can be a CONNECT the broker accepts; after it this is a plain pass-through.
        if (_firstPacketSeen)
        {
            return await inner.ReceivePacketAsync(cancellationToken).ConfigureAwait(false);
        }

        _firstPacketSeen = true;
        MqttPacket packet;
        try
        {
            packet = await inner.ReceivePacketAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (MqttProtocolViolationException e) when (e.Message.Contains(EmptyIdWithoutCleanSession, StringComparison.Ordinal))
        {
            // MQTTnet's 3.1.1 decoder throws on this CONNECT and the connection closes without a CONNACK; the
            // specification wants "identifier rejected" [MQTT-3.1.3-8]. The broker answers that for a CONNECT
            // without an id (the version is already known from the packet's header), so hand it one.
            return new MqttConnectPacket { ClientId = "", CleanSession = false };
        }

        if (packet is MqttConnectPacket { CleanSession: true } connect && string.IsNullOrEmpty(connect.ClientId)
            && inner.PacketFormatterAdapter.ProtocolVersion == MqttProtocolVersion.V311)
        {
            connect.ClientId = NewClientId();
        }

        return packet;
    }

    public Task ConnectAsync(CancellationToken cancellationToken) => inner.ConnectAsync(cancellationToken);

    public Task DisconnectAsync(CancellationToken cancellationToken) => inner.DisconnectAsync(cancellationToken);

    public Task SendPacketAsync(MqttPacket packet, CancellationToken cancellationToken) => inner.SendPacketAsync(packet, cancellationToken);

    public void ResetStatistics() => inner.ResetStatistics();

    public void Dispose() => inner.Dispose();
}
