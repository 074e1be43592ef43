using Edge.Node.Core.Agent;
using Edge.Node.Mqtt;

namespace Edge.Node.Sim.Fleet;

/// <summary>
/// Records, for every flow the board serves, each sequence that is due and not yet recorded. A full store
/// pushes back instead of dropping: the source is a replay and offers the sample again next tick.
/// </summary>
public sealed class FleetFeed(IReadOnlyDictionary<int, IFlowSource> sources, FlowClock clock) : ISampleFeed
{
    public void Feed(NodeAgent agent, long nowMs)
    {
        for (int i = 0; i < agent.LaneCount; i++)
        {
            FlowLane lane = agent.Lane(i);
            if (!lane.Serving || !sources.TryGetValue(lane.Flow, out var source))
            {
                continue;
            }

            long due = source.Due(clock, nowMs);
            long next = agent.NextRecordSequence(lane.Flow);
            while (next >= 0 && next < due && agent.Offer(lane.Flow, source.TimeAt(next), source.ValueAt(next)))
            {
                next++;
            }
        }
    }
}
