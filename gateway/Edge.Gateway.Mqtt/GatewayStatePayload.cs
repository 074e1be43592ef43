using Edge.Gateway.Core.Ports;
using Edge.Protocol;

namespace Edge.Gateway.Mqtt;

/// <summary>
/// The gateway's retained state (docs/PROTOCOL.md section 3.7) as bytes, written once for both ways out: primary
/// with its fencing token while it leads, and dataBeats (GatewayRuntime stamps a heartbeat for each data batch).
/// </summary>
internal static class GatewayStatePayload
{
    public static byte[] Of(Leadership leadership, bool online)
    {
        var writer = new JsonWriter(256);
        JsonCodec.Encode(leadership.StateMessage(online), writer);
        return writer.ToArray();
    }
}
