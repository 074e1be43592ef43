using Edge.Gateway.Core.Flows;

namespace Edge.Gateway.Core.Aggregation;

/// <summary>One key's statistics inside one open window; reset and reused when the window closes.</summary>
internal sealed class WindowStats
{
    private readonly ScaledHistogram _histogram = new();

    public long Count { get; private set; }

    public double Sum { get; private set; }

    public double Min { get; private set; } = double.PositiveInfinity;

    public double Max { get; private set; } = double.NegativeInfinity;

    public void Add(ReadOnlySpan<double> values)
    {
        double sum = Sum;
        double min = Min;
        double max = Max;
        foreach (double v in values)
        {
            sum = FiniteSum.Add(sum, v);
            min = Math.Min(min, v);
            max = Math.Max(max, v);
            _histogram.Record(v);
        }

        Count += values.Length;
        Sum = sum;
        Min = min;
        Max = max;
    }

    public RollupRecord ToRecord(string window, int flow, long startMs, long endMs) => Count == 0
        ? new RollupRecord(window, flow, startMs, endMs, 0, 0, 0, 0, 0, 0, 0, 0)
        : new RollupRecord(window, flow, startMs, endMs, Count, Sum, Min, Max, Sum / Count,
            _histogram.Percentile(50), _histogram.Percentile(90), _histogram.Percentile(99));

    public void Reset()
    {
        Count = 0;
        Sum = 0;
        Min = double.PositiveInfinity;
        Max = double.NegativeInfinity;
        _histogram.Reset();
    }
}
