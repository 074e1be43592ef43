namespace Edge.Node.Sim.Fleet;

/// <summary>
/// Paces every flow of the fleet on one wall clock: by time t, sequences below Due(t) have "happened". Shared by
/// all boards, so a flow that moves keeps its pace instead of restarting.
/// </summary>
public sealed class FlowClock(long startMs, double samplesPerSecond)
{
    public long StartMs { get; } = startMs;

    public double SamplesPerSecond { get; } = samplesPerSecond;

    public long Due(long nowMs) => nowMs <= StartMs ? 0 : (long)((nowMs - StartMs) * SamplesPerSecond / 1000.0);
}
