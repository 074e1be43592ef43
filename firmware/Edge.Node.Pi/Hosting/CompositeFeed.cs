using Edge.Node.Core.Agent;
using Edge.Node.Mqtt;

namespace Edge.Node.Pi.Hosting;

/// <summary>Every source (and the LED) polled in turn on the agent's thread.</summary>
internal sealed class CompositeFeed(IReadOnlyList<ISampleFeed> parts) : ISampleFeed
{
    public IReadOnlyList<ISampleFeed> Parts => parts;

    public void Feed(NodeAgent agent, long nowMs)
    {
        foreach (ISampleFeed part in parts)
        {
            part.Feed(agent, nowMs);
        }
    }
}
