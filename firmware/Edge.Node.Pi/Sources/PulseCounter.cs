namespace Edge.Node.Pi.Sources;

/// <summary>
/// Pulses counted on the GPIO driver's thread and taken, all at once, on the agent's thread. An edge within the
/// debounce time of the last counted one is contact bounce (a reed switch), not a pulse.
/// </summary>
internal sealed class PulseCounter(long debounceTicks)
{
    private long _pulses;
    private long _lastTicks = long.MinValue;

    /// <summary>An edge at <paramref name="ticks"/> (Stopwatch ticks); called from one thread at a time.</summary>
    public void Edge(long ticks)
    {
        if (_lastTicks != long.MinValue && ticks - _lastTicks < debounceTicks)
        {
            return;
        }

        _lastTicks = ticks;
        Interlocked.Increment(ref _pulses);
    }

    public long Take() => Interlocked.Exchange(ref _pulses, 0);
}
