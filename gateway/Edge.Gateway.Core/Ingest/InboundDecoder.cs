using Edge.Gateway.Core.Ports;
using Edge.Protocol;

namespace Edge.Gateway.Core.Ingest;

/// <summary>
/// Turns (topic, payload) into one decoded message or a rejection reason, with the portable core's codecs so
/// both ends read the wire the same way. One instance per ingest thread: the message objects are reused.
/// </summary>
internal sealed class InboundDecoder
{
    private readonly JsonReader _json = new();

    public TopicAddress Address { get; } = new();

    public BirthMessage Birth { get; } = new();

    public NodeStateMessage NodeState { get; } = new();

    public TelemetryMessage Telemetry { get; } = new();

    public DataBatch Batch { get; } = new();

    public GatewayStateMessage GatewayState { get; } = new();

    public FlowOwnerMessage Owner { get; } = new();

    public ProtocolError Error { get; private set; }

    /// <summary>For a flow owner: the payload was empty (a retained message being cleared).</summary>
    public bool IsEmpty { get; private set; }

    public InboundKind Decode(string topic, byte[] payload, int offset, int length)
    {
        Error = ProtocolError.None;
        IsEmpty = false;
        if (!Address.TryParse(topic))
        {
            return Reject(ProtocolError.UnknownTopic);
        }

        if (length > ProtocolLimits.MaxPayloadBytes)
        {
            return Reject(ProtocolError.Oversized);
        }

        if (Address.Kind == TopicAddress.KindGateway)
        {
            return Address.Leaf == Topics.State ? Json(GatewayState, InboundKind.GatewayState, payload, offset, length) : Reject(ProtocolError.UnknownTopic);
        }

        if (Address.Kind == TopicAddress.KindFlow && Address.Leaf == Topics.Owner)
        {
            // Assignments as the broker keeps them: a standby learns the owners from them, the leader repairs any an
            // older leader overwrote, and clears those of flows it does not serve. An empty one is a cleared owner:
            // only the flow (from the topic) matters then.
            IsEmpty = length == 0;
            return IsEmpty ? InboundKind.FlowOwner : Json(Owner, InboundKind.FlowOwner, payload, offset, length);
        }

        if (Address.Kind != TopicAddress.KindNode)
        {
            return InboundKind.Ignored;
        }

        switch (Address.Leaf)
        {
            case Topics.Birth:
                return Json(Birth, InboundKind.Birth, payload, offset, length);
            case Topics.State:
                return Json(NodeState, InboundKind.NodeState, payload, offset, length);
            case Topics.Telemetry:
                return Json(Telemetry, InboundKind.Telemetry, payload, offset, length);
            case Topics.Data:
                Error = DataBatchCodec.Decode(payload, offset, length, Batch);
                return Error == ProtocolError.None ? InboundKind.Data : InboundKind.Rejected;
            case Topics.Ack:
            case Topics.Config:
            case Topics.Command:
                return InboundKind.Ignored;
            default:
                return Reject(ProtocolError.UnknownTopic);
        }
    }

    private InboundKind Json(IJsonMessage message, InboundKind kind, byte[] payload, int offset, int length)
    {
        Error = JsonCodec.Decode(message, _json, payload, offset, length);
        return Error == ProtocolError.None ? kind : InboundKind.Rejected;
    }

    private InboundKind Reject(ProtocolError error)
    {
        Error = error;
        return InboundKind.Rejected;
    }
}
