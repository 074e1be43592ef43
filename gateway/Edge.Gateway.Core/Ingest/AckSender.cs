using Edge.Gateway.Core.Hosting;
using Edge.Protocol;
using Microsoft.Extensions.Logging;

namespace Edge.Gateway.Core.Ingest;

/// <summary>Publishes cumulative acks (QoS 1, not retained) to node/{id}/ack.</summary>
internal sealed partial class AckSender(IMessagePublisher publisher, IGatewayMetrics metrics, string site, ILogger logger)
{
    private readonly Dictionary<string, string> _topics = new(StringComparer.Ordinal);

    public async Task SendAsync(string node, int flow, long nextSequence, CancellationToken cancellationToken)
    {
        var payload = new byte[ProtocolLimits.AckBytes];
        new AckMessage { Flow = flow, NextSequence = nextSequence }.Encode(payload, 0);
        try
        {
            await publisher.PublishAsync(TopicOf(node), payload, retain: false, cancellationToken).ConfigureAwait(false);
            metrics.AckSent();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A lost ack costs a resend, never data: the node resends what is unacked and a duplicate is re-acked.
            LogAckFailed(logger, node, flow, e.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not publish the ack for {Node} flow {Flow}: {Reason}")]
    private static partial void LogAckFailed(ILogger logger, string node, int flow, string reason);

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
