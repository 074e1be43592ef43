namespace Edge.Node.Pi.Sources;

/// <summary>Pulses counted on an interrupt thread and taken, all at once, on the agent's thread.</summary>
internal sealed class PulseCounter
{
    private long _pulses;

    public void Pulse() => Interlocked.Increment(ref _pulses);

    public long Take() => Interlocked.Exchange(ref _pulses, 0);
}
