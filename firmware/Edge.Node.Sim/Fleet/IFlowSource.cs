namespace Edge.Node.Sim.Fleet;

/// <summary>
/// What a flow produces, by sequence number: the same sequence always gives the same time and value, so any
/// node that takes over a flow replays exactly what the previous owner would have sent.
/// </summary>
public interface IFlowSource
{
    int Flow { get; }

    string Name { get; }

    long TimeAt(long sequence);

    double ValueAt(long sequence);

    /// <summary>Sequences below this have happened by <paramref name="nowMs"/>: a steady pace unless the source sets its own.</summary>
    long Due(FlowClock clock, long nowMs) => clock.Due(nowMs);
}
