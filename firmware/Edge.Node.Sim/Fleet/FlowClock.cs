namespace Edge.Node.Sim.Fleet;

/// <summary>
/// Paces every flow of the fleet on one wall clock: by time t, sequences below Due(t) have "happened". Shared by
/// all boards, so a flow that moves keeps its pace instead of restarting.
/// </summary>
public sealed class FlowClock(long startMs, double samplesPerSecond)
{
    private long _frozenAt = long.MaxValue;

    public long StartMs { get; } = startMs;

    public double SamplesPerSecond { get; } = samplesPerSecond;

    /// <summary>Sequences due at a steady <see cref="SamplesPerSecond"/>; a source that paces itself uses <see cref="Elapsed"/>.</summary>
    public long Due(long nowMs) => (long)(Elapsed(nowMs) * SamplesPerSecond / 1000.0);

    /// <summary>Milliseconds the sources have run by <paramref name="nowMs"/> (they stop counting once frozen).</summary>
    public long Elapsed(long nowMs)
    {
        long at = Math.Min(nowMs, Interlocked.Read(ref _frozenAt));
        return at <= StartMs ? 0 : at - StartMs;
    }

    /// <summary>Stops the sources: nothing more falls due after <paramref name="nowMs"/>, so a fleet can drain to a known end.</summary>
    public void Freeze(long nowMs) => Interlocked.Exchange(ref _frozenAt, nowMs);
}
