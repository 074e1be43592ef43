namespace Edge.Gateway.Core.Aggregation;

/// <summary>
/// The 1 s, 10 s and 1 min windows for every flow and the fleet. Fed after each commit and rolled
/// by a timer so quiet periods still close their windows; closed windows go to the rollup dispatcher. Samples go
/// into the 1 s window only, which adds itself into the open 10 s and 1 min windows as it closes (the windows are
/// aligned, so a second lies inside one of each): a sample is counted once instead of three times, and its flow's
/// and the fleet's percentile histograms are recorded once (the six statistics a batch went into were the largest
/// piece of the gateway's own CPU per batch, issue 17). Owned by one thread at a time: the gateway's
/// <see cref="AggregationLoop"/>. Time never goes back here: a sample stamped before a tick that came first counts in
/// the window that tick opened.
/// </summary>
internal sealed class Aggregator(TimeProvider clock, Action<IReadOnlyList<RollupRecord>> onClosed)
{
    public static readonly (string Name, long SizeMs)[] Windows = [("1s", 1000), ("10s", 10_000), ("1m", 60_000)];

    private readonly RollingWindow[] _windows = CreateWindows();
    private readonly List<RollupRecord> _closed = [];
    private long _nowMs = long.MinValue;

    public void Add(int flow, ReadOnlySpan<double> values) => Add(flow, values, clock.GetUtcNow().ToUnixTimeMilliseconds());

    public void Add(int flow, ReadOnlySpan<double> values, long atMs)
    {
        Roll(atMs);
        _windows[0].Add(flow, values);
        Flush();
    }

    public void Tick() => Tick(clock.GetUtcNow().ToUnixTimeMilliseconds());

    public void Tick(long atMs)
    {
        Roll(atMs);
        Flush();
    }

    /// <summary>The second first, so what it held is in the longer windows before they close.</summary>
    private void Roll(long atMs)
    {
        long now = _nowMs = Math.Max(_nowMs, atMs);
        _windows[0].Roll(now, _closed, _windows.AsSpan(1));
        for (int i = 1; i < _windows.Length; i++)
        {
            _windows[i].Roll(now, _closed, []);
        }
    }

    private static RollingWindow[] CreateWindows()
    {
        var histograms = new ScaledHistogramPool();
        return [.. Windows.Select(w => new RollingWindow(w.Name, w.SizeMs, histograms))];
    }

    private void Flush()
    {
        if (_closed.Count == 0)
        {
            return;
        }

        onClosed(_closed.ToArray());
        _closed.Clear();
    }
}
