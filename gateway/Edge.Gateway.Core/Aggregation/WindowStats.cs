using System.Buffers;
using Edge.Gateway.Core.Flows;

namespace Edge.Gateway.Core.Aggregation;

/// <summary>
/// One key's statistics inside one open window; reset and reused when the window closes. A flow keeps its window's
/// samples themselves up to <see cref="ExactUpTo"/> (percentiles are then exact, by nearest rank) and only past
/// that records them in an HDR histogram rented from the pool: a histogram is about 250 KB and clearing one costs
/// as much, which a thousand mostly quiet flows closing a window every second cannot afford. The fleet, which sees
/// every sample, always uses its own histogram.
/// </summary>
internal sealed class WindowStats
{
    /// <summary>Samples a flow's window keeps exactly before it records into a histogram instead.</summary>
    public const int ExactUpTo = 4096;

    private readonly ScaledHistogramPool? _pool;
    private double[] _values = [];
    private ScaledHistogram? _histogram;

    /// <summary>A flow's statistics (exact samples, then a pooled histogram).</summary>
    public WindowStats(ScaledHistogramPool pool) => _pool = pool;

    /// <summary>The fleet's statistics: a histogram of its own from the start.</summary>
    public WindowStats() => _histogram = new ScaledHistogram();

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
        }

        if (_histogram is null && Count + values.Length > ExactUpTo)
        {
            Spill();
        }

        if (_histogram is null)
        {
            Keep(values);
        }
        else
        {
            Record(_histogram, values);
        }

        Count += values.Length;
        Sum = sum;
        Min = min;
        Max = max;
    }

    /// <summary>
    /// Adds another window's statistics of the same key (a closing second into the open 10 s and 1 min windows):
    /// the same totals and, exact or in a histogram by the same rule, the same percentiles as recording its samples
    /// here one by one. Histograms add bucket by bucket.
    /// </summary>
    public void Merge(WindowStats from)
    {
        if (from.Count == 0)
        {
            return;
        }

        long total = Count + from.Count;
        if (_histogram is null && (from._histogram is not null || total > ExactUpTo))
        {
            Spill();
        }

        if (_histogram is null)
        {
            Keep(from._values.AsSpan(0, (int)from.Count));
        }
        else if (from._histogram is { } histogram)
        {
            _histogram.Add(histogram);
        }
        else
        {
            Record(_histogram, from._values.AsSpan(0, (int)from.Count));
        }

        Count = total;
        Sum = FiniteSum.Add(Sum, from.Sum);
        Min = Math.Min(Min, from.Min);
        Max = Math.Max(Max, from.Max);
    }

    public RollupRecord ToRecord(string window, int flow, long startMs, long endMs)
    {
        if (Count == 0)
        {
            return new RollupRecord(window, flow, startMs, endMs, 0, 0, 0, 0, 0, 0, 0, 0);
        }

        (double p50, double p90, double p99) = _histogram is { } h
            ? (h.Percentile(50), h.Percentile(90), h.Percentile(99))
            : Exact();
        return new RollupRecord(window, flow, startMs, endMs, Count, Sum, Min, Max, Sum / Count, p50, p90, p99);
    }

    public void Reset()
    {
        Count = 0;
        Sum = 0;
        Min = double.PositiveInfinity;
        Max = double.NegativeInfinity;
        Release();
        if (_pool is null)
        {
            _histogram!.Reset();
        }
        else if (_histogram is not null)
        {
            _pool.Return(_histogram);
            _histogram = null;
        }
    }

    /// <summary>Nearest-rank percentiles of the kept samples (sorted in place: the window is closing).</summary>
    private (double P50, double P90, double P99) Exact()
    {
        Span<double> sorted = _values.AsSpan(0, (int)Count);
        sorted.Sort();
        return (sorted[Rank(50, sorted.Length)], sorted[Rank(90, sorted.Length)], sorted[Rank(99, sorted.Length)]);
    }

    private static int Rank(double percent, int count) => Math.Max(0, (int)Math.Ceiling(percent / 100.0 * count) - 1);

    private void Keep(ReadOnlySpan<double> values)
    {
        int needed = (int)Count + values.Length;
        if (needed > _values.Length)
        {
            double[] larger = ArrayPool<double>.Shared.Rent(Math.Max(needed, Math.Max(16, _values.Length * 2)));
            _values.AsSpan(0, (int)Count).CopyTo(larger);
            Release();
            _values = larger;
        }

        values.CopyTo(_values.AsSpan((int)Count));
    }

    /// <summary>The window is busy: its samples so far go into a pooled histogram, which takes the rest too.</summary>
    private void Spill()
    {
        _histogram = _pool!.Rent();
        Record(_histogram, _values.AsSpan(0, (int)Count));
        Release();
    }

    private void Release()
    {
        if (_values.Length > 0)
        {
            ArrayPool<double>.Shared.Return(_values);
            _values = [];
        }
    }

    private static void Record(ScaledHistogram histogram, ReadOnlySpan<double> values)
    {
        foreach (double v in values)
        {
            histogram.Record(v);
        }
    }
}
