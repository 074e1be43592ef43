using Edge.Gateway.Core.Ports;
using System.Buffers;
using Edge.Protocol;

namespace Edge.Gateway.Core.Tests.Support;

/// <summary>Builds protocol messages the way a node would, with the portable core's codecs.</summary>
internal static class Wire
{
    public const string Site = "site1";

    public static InboundMessage Birth(string node, long session) =>
        Json(Topics.Node(Site, node, Topics.Birth), new BirthMessage
        {
            Node = node, Session = session, Firmware = "test", Board = "sim", Capabilities = "",
            BufferCapacity = 1000, BufferCeiling = 1000, HeartbeatMs = 1000, TimestampMs = 1,
        });

    public static InboundMessage State(string node, bool online, long session) =>
        Json(Topics.Node(Site, node, Topics.State), new NodeStateMessage { Online = online, Session = session, TimestampMs = 1 });

    public static InboundMessage Batch(string node, int flow, long session, long first, params double[] values)
    {
        var batch = new DataBatch { Flow = flow, Session = session, FirstSequence = first };
        for (int i = 0; i < values.Length; i++)
        {
            batch.TryAdd(1_000 + i, values[i]);
        }

        byte[] buffer = ArrayPool<byte>.Shared.Rent(ProtocolLimits.MaxPayloadBytes);
        int length = DataBatchCodec.Encode(batch, buffer, 0);
        return new InboundMessage(Topics.Node(Site, node, Topics.Data), buffer, length, System.Diagnostics.Stopwatch.GetTimestamp());
    }

    public static InboundMessage Raw(string topic, byte[] payload)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(Math.Max(1, payload.Length));
        payload.CopyTo(buffer, 0);
        return new InboundMessage(topic, buffer, payload.Length, System.Diagnostics.Stopwatch.GetTimestamp());
    }

    public static double[] Values(long first, int count) => Enumerable.Range(0, count).Select(i => (double)((first + i) % 97)).ToArray();

    private static InboundMessage Json(string topic, IJsonMessage message)
    {
        var writer = new JsonWriter();
        JsonCodec.Encode(message, writer);
        return Raw(topic, writer.ToArray());
    }
}
