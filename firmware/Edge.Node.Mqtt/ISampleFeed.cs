using Edge.Node.Core.Agent;

namespace Edge.Node.Mqtt;

/// <summary>A board's data source, polled on the agent's thread each tick: it records into the flows the agent serves.</summary>
public interface ISampleFeed
{
    void Feed(NodeAgent agent, long nowMs);
}
