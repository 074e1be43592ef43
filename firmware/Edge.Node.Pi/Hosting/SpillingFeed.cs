using Edge.Node.Core.Agent;
using Edge.Node.Mqtt;
using Edge.Node.Pi.Storage;

namespace Edge.Node.Pi.Hosting;

/// <summary>
/// The runner's feed with the spill after it: NodeRunner hands received messages (acks, owners) to the agent,
/// then calls this, then ticks the agent (which publishes). So each tick the spill sees the acks and the new
/// samples, and a sample is on disk before it is sent.
/// </summary>
internal sealed class SpillingFeed(ISampleFeed sources, SpillStore spill) : ISampleFeed
{
    public void Feed(NodeAgent agent, long nowMs)
    {
        sources.Feed(agent, nowMs);
        spill.Sync(agent);
    }
}
