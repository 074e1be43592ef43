using System.Buffers;
using Edge.Gateway.Core.Ports;
using Edge.Protocol;

namespace Edge.Gateway.Mqtt;

/// <summary>A received payload copied into a pooled buffer (the runtime returns it once processed), stamped on arrival.</summary>
internal static class InboundCopy
{
    public static InboundMessage Of(string topic, ReadOnlySequence<byte> payload, long receivedTimestamp)
    {
        int length = (int)Math.Min(payload.Length, int.MaxValue);

        // Oversized payloads are rejected on length alone, so only the first bytes are copied.
        int copied = Math.Min(length, ProtocolLimits.MaxPayloadBytes + 1);
        byte[] buffer = ArrayPool<byte>.Shared.Rent(Math.Max(1, copied));
        payload.Slice(0, copied).CopyTo(buffer);
        return new InboundMessage(topic, buffer, length, receivedTimestamp);
    }
}
