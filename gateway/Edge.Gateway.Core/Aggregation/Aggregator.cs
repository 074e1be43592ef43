namespace Edge.Gateway.Core.Aggregation;

/// <summary>
/// The 1 s, 10 s and 1 min windows for every flow and the fleet. Fed by the store after each commit and rolled
/// by a timer so quiet periods still close their windows; closed windows go to the rollup dispatcher.
/// </summary>
internal sealed class Aggregator(TimeProvider clock, Action<IReadOnlyList<RollupRecord>> onClosed)
{
    public static readonly (string Name, long SizeMs)[] Windows = [("1s", 1000), ("10s", 10_000), ("1m", 60_000)];

    private readonly RollingWindow[] _windows = CreateWindows();
    private readonly List<RollupRecord> _closed = [];

    public void Add(int flow, ReadOnlySpan<double> values)
    {
        long now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        lock (_windows)
        {
            foreach (RollingWindow window in _windows)
            {
                window.Add(flow, values, now, _closed);
            }

            Flush();
        }
    }

    public void Tick()
    {
        long now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        lock (_windows)
        {
            foreach (RollingWindow window in _windows)
            {
                window.Roll(now, _closed);
            }

            Flush();
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
