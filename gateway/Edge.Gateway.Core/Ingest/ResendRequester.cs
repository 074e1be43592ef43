using Edge.Gateway.Core.Events;
using Edge.Gateway.Core.Flows;
using Edge.Gateway.Core.Outbound;
using Edge.Protocol;

namespace Edge.Gateway.Core.Ingest;

/// <summary>
/// Asks a node to resend a flow from its committed position when a gap stays open longer than the reorder
/// allowance (MQTT QoS 1 can reorder across reconnects), and again every allowance until it closes.
/// </summary>
internal sealed class ResendRequester(FlowRegistry flows, Outbox outbox, GatewayEvents events, IngestOptions options, string site, TimeProvider clock)
{
    private long _nextId;

    public void Check()
    {
        long now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        long allowance = (long)options.ResendAfter.TotalMilliseconds;
        foreach (FlowSequence flow in flows.Sequences)
        {
            string? node = flow.HeldNode();
            if (node is null || flow.GapSinceMs is not long since || now - since < allowance || now - flow.LastResendMs < allowance)
            {
                continue;
            }

            flow.LastResendMs = now;
            long from = flow.Committed;
            var command = new CommandMessage { Command = CommandMessage.Resend, Id = ++_nextId, Flow = flow.Flow, From = from };
            outbox.Enqueue(OutboundMessage.Resend(site, node, command));
            events.Add("resend", node, $"flow {flow.Flow} from {from}");
        }
    }
}
