using Edge.Gateway.Core.Hosting;
using Edge.Node.Core.Protocol;

namespace Edge.Gateway.Core.Ingest;

/// <summary>Publishes cumulative acks (QoS 1, not retained) to node/{id}/ack.</summary>
internal sealed class AckSender(IMessagePublisher publisher, IGatewayMetrics metrics, string site)
{
    private readonly Dictionary<string, string> _topics = new(StringComparer.Ordinal);

    public async Task SendAsync(string node, int flow, long nextSequence, CancellationToken cancellationToken)
    {
        var payload = new byte[ProtocolLimits.AckBytes];
        new AckMessage { Flow = flow, NextSequence = nextSequence }.Encode(payload, 0);
        await publisher.PublishAsync(TopicOf(node), payload, retain: false, cancellationToken).ConfigureAwait(false);
        metrics.AckSent();
    }

    private string TopicOf(string node)
    {
        lock (_topics)
        {
            if (!_topics.TryGetValue(node, out string? topic))
            {
                topic = Topics.Node(site, node, Topics.Ack);
                _topics[node] = topic;
            }

            return topic;
        }
    }
}
