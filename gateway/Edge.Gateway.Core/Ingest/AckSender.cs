using Edge.Gateway.Core.Outbound;

namespace Edge.Gateway.Core.Ingest;

/// <summary>Cumulative acks (QoS 1, not retained) to node/{id}/ack, through the outbox: the newest per node and flow wins.</summary>
internal sealed class AckSender(Outbox outbox, string site)
{
    public void Send(string node, int flow, long nextSequence) => outbox.Enqueue(OutboundMessage.Ack(site, node, flow, nextSequence));
}
