using Edge.Protocol;

namespace Edge.Gateway.Core.Failover;

/// <summary>The supervisor's messages: retained flow owners and commands.</summary>
internal sealed partial class FleetSupervisor
{
    /// <summary>
    /// Names the owner of a flow (empty: unassigned) with a fresh epoch. Epochs are at least the wall clock in
    /// ms, so they keep growing across gateway restarts without being stored anywhere.
    /// </summary>
    private void Assign(int flow, string node, long now, List<(string, byte[], bool)> outbox)
    {
        _epoch = Math.Max(_epoch + 1, now);
        _owners[flow] = new FlowOwner(flow, node, _epoch, now);
        var message = new FlowOwnerMessage
        {
            Flow = flow,
            Node = node,
            Epoch = _epoch,
            ResumeFrom = sequences.Find(flow)?.Committed ?? 0,
            Weight = gateway.Flows.TryGet(flow, out var definition) ? definition.Weight : 1.0,
        };
        outbox.Add((Topics.FlowOwner(gateway.Site, flow), Encode(message), true));
        if (node.Length > 0)
        {
            events.Add("assign", node, "flow " + flow + " from " + message.ResumeFrom);
        }
    }

    private (string, byte[], bool) Command(string node, string command)
    {
        var message = new CommandMessage { Command = command, Id = Now };
        return (Topics.Node(gateway.Site, node, Topics.Command), Encode(message), false);
    }

    private static byte[] Encode(IJsonMessage message)
    {
        var writer = new JsonWriter();
        JsonCodec.Encode(message, writer);
        return writer.ToArray();
    }

    /// <summary>
    /// Publishes in order. A message the broker did not take (the gateway's client is reconnecting) is kept and
    /// sent again on the next tick; per topic only the newest is kept, as only the newest assignment counts.
    /// </summary>
    private async Task PublishAsync(List<(string Topic, byte[] Payload, bool Retain)> outbox, CancellationToken cancellationToken)
    {
        foreach (var (topic, payload, retain) in outbox)
        {
            try
            {
                await publisher.PublishAsync(topic, payload, retain, cancellationToken).ConfigureAwait(false);
                lock (_gate)
                {
                    _unsent.Remove(topic);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                lock (_gate)
                {
                    _unsent[topic] = (payload, retain);
                    PublishFailures++;
                }
            }
        }
    }

    /// <summary>Messages a failed publish left behind, newest per topic, to go out before this tick's.</summary>
    private void TakeUnsent(List<(string, byte[], bool)> outbox)
    {
        foreach (var (topic, (payload, retain)) in _unsent)
        {
            outbox.Add((topic, payload, retain));
        }

        _unsent.Clear();
    }
}
