namespace Edge.Gateway.Core.Detection;

/// <summary>The last N inter-arrival times of one node's heartbeats, with running sums for mean and variance.</summary>
internal sealed class HeartbeatHistory
{
    private readonly double[] _intervals;
    private int _count;
    private int _next;
    private double _sum;
    private double _sumSquares;

    public HeartbeatHistory(int size, double expectedIntervalMs, long nowMs)
    {
        _intervals = new double[size];
        LastMs = nowMs;
        // Seed with the announced period (and a spread of a quarter of it) so the first heartbeats are judged sanely.
        Add(expectedIntervalMs - (expectedIntervalMs / 4));
        Add(expectedIntervalMs + (expectedIntervalMs / 4));
    }

    public long LastMs { get; private set; }

    /// <summary>Heartbeats actually received (the seed is not counted).</summary>
    public int Received { get; private set; }

    public double Mean => _sum / _count;

    public double StdDev => Math.Sqrt(Math.Max(0, (_sumSquares / _count) - (Mean * Mean)));

    public void Heartbeat(long nowMs)
    {
        Received++;
        Add(nowMs - LastMs);
        LastMs = nowMs;
    }

    /// <summary>Silence counts from <paramref name="nowMs"/> on, without an interval being recorded.</summary>
    public void Excuse(long nowMs) => LastMs = Math.Max(LastMs, nowMs);

    private void Add(double interval)
    {
        if (_count == _intervals.Length)
        {
            double old = _intervals[_next];
            _sum -= old;
            _sumSquares -= old * old;
        }
        else
        {
            _count++;
        }

        _intervals[_next] = interval;
        _next = (_next + 1) % _intervals.Length;
        _sum += interval;
        _sumSquares += interval * interval;
    }
}
