using Edge.Gateway.Core.Hosting;
using Edge.Protocol;

namespace Edge.Gateway.Mqtt;

/// <summary>
/// The gateway's retained state (docs/PROTOCOL.md section 3.7), written once for both ways out: it counts data
/// batches as heartbeats (GatewayRuntime stamps one for each), which nodes read as leave to stay quiet while busy.
/// </summary>
internal static class GatewayStatePayload
{
    public static byte[] Of(GatewayOptions options, bool online, TimeProvider clock)
    {
        var state = new GatewayStateMessage
        {
            Gateway = options.GatewayId, Online = online, Primary = options.Primary, DataBeats = true,
            TimestampMs = clock.GetUtcNow().ToUnixTimeMilliseconds(),
        };
        var writer = new JsonWriter(256);
        JsonCodec.Encode(state, writer);
        return writer.ToArray();
    }
}
