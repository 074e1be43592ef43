namespace Edge.Gateway.Core.Aggregation;

/// <summary>
/// Tumbling windows of one size aligned to the epoch (so 10 s windows start at :00, :10, ...), by gateway commit
/// time: a sample counts in the window in which it became durable, which is what makes replays count once.
/// </summary>
internal sealed class RollingWindow(string name, long sizeMs, ScaledHistogramPool histograms)
{
    private readonly Dictionary<int, WindowStats> _flows = [];
    private readonly WindowStats _fleet = new();
    private long _startMs = -1;

    public string Name { get; } = name;

    public long SizeMs { get; } = sizeMs;

    /// <summary>Into the open window; the caller rolled it to now first.</summary>
    public void Add(int flow, ReadOnlySpan<double> values)
    {
        Flow(flow).Add(values);
        _fleet.Add(values);
    }

    /// <summary>
    /// Closes the open window if now is past its end; emits the fleet always and each flow with data, and adds them
    /// into <paramref name="into"/>, the open windows of the longer sizes (which contain this one: all are aligned).
    /// </summary>
    public void Roll(long nowMs, List<RollupRecord> closed, ReadOnlySpan<RollingWindow> into)
    {
        long start = nowMs - (nowMs % SizeMs);
        if (_startMs == start)
        {
            return;
        }

        if (_startMs >= 0)
        {
            long end = _startMs + SizeMs;
            closed.Add(_fleet.ToRecord(Name, RollupRecord.Fleet, _startMs, end));
            foreach (RollingWindow longer in into)
            {
                longer._fleet.Merge(_fleet);
            }

            foreach ((int flow, WindowStats stats) in _flows)
            {
                if (stats.Count > 0)
                {
                    closed.Add(stats.ToRecord(Name, flow, _startMs, end));
                    foreach (RollingWindow longer in into)
                    {
                        longer.Flow(flow).Merge(stats);
                    }

                    stats.Reset();
                }
            }

            _fleet.Reset();
        }

        _startMs = start;
    }

    private WindowStats Flow(int flow)
    {
        if (!_flows.TryGetValue(flow, out WindowStats? stats))
        {
            stats = new WindowStats(histograms);
            _flows.Add(flow, stats);
        }

        return stats;
    }
}
