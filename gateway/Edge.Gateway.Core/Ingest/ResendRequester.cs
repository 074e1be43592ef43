using Edge.Gateway.Core.Hosting;
using Edge.Protocol;

namespace Edge.Gateway.Core.Ingest;

/// <summary>
/// Asks a node to resend a flow from its committed position when a gap stays open longer than the reorder
/// allowance (MQTT QoS 1 can reorder across reconnects), and again every allowance until it closes.
/// </summary>
internal sealed class ResendRequester(IMessagePublisher publisher, IGatewayMetrics metrics, GatewayEvents events, GatewayOptions options, TimeProvider clock)
{
    private long _nextId;

    public async Task CheckAsync(FlowSequences flows, CancellationToken cancellationToken)
    {
        long now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        long allowance = (long)options.ResendAfter.TotalMilliseconds;
        foreach (FlowSequence flow in flows.All)
        {
            string? node = flow.HeldNode();
            if (node is null || flow.GapSinceMs is not long since || now - since < allowance || now - flow.LastResendMs < allowance)
            {
                continue;
            }

            flow.LastResendMs = now;
            long from = flow.Committed;
            var command = new CommandMessage { Command = CommandMessage.Resend, Id = Interlocked.Increment(ref _nextId), Flow = flow.Flow, From = from };
            var writer = new JsonWriter(256);
            JsonCodec.Encode(command, writer);
            await publisher.PublishAsync(Topics.Node(options.Site, node, Topics.Command), writer.ToArray(), retain: false, cancellationToken).ConfigureAwait(false);
            metrics.ResendRequested();
            events.Add("resend", node, $"flow {flow.Flow} from {from}");
        }
    }
}
