namespace Edge.Node.Pi.Sources;

/// <summary>Says when a periodic source takes its next reading, on the agent's clock.</summary>
internal sealed class SampleTimer(double ratePerSecond)
{
    private readonly long _periodMs = Math.Max(1, (long)Math.Round(1000 / ratePerSecond));
    private long _nextMs = long.MinValue;

    public long PeriodMs => _periodMs;

    /// <summary>True once per period; a late tick does not make up for missed ones (a reading covers the gap).</summary>
    public bool Due(long nowMs)
    {
        if (nowMs < _nextMs)
        {
            return false;
        }

        _nextMs = _nextMs == long.MinValue || nowMs - _nextMs >= _periodMs ? nowMs + _periodMs : _nextMs + _periodMs;
        return true;
    }
}
