using HdrHistogram;

namespace Edge.Bench.Load;

/// <summary>Sample-to-confirmation latency in microseconds (HdrHistogram, 3 significant digits, up to an hour), recorded only while on.</summary>
internal sealed class LatencyRecorder
{
    private const long HighestMicros = 3_600_000_000L;
    private readonly Lock _gate = new();
    private readonly LongHistogram _histogram = new(HighestMicros, 3);
    private volatile bool _on;

    public void Start()
    {
        lock (_gate)
        {
            _histogram.Reset();
            _on = true;
        }
    }

    public void Stop() => _on = false;

    /// <summary>One batch confirmed: <paramref name="samples"/> samples that were due at <paramref name="dueTicks"/> (Stopwatch ticks).</summary>
    public void Record(long dueTicks, long nowTicks, int samples)
    {
        if (!_on)
        {
            return;
        }

        long micros = Math.Clamp((nowTicks - dueTicks) * 1_000_000 / System.Diagnostics.Stopwatch.Frequency, 1, HighestMicros);
        lock (_gate)
        {
            // Every sample of the batch waited as long as the batch did.
            _histogram.RecordValueWithCount(micros, samples);
        }
    }

    public double PercentileMs(double percentile)
    {
        lock (_gate)
        {
            return _histogram.TotalCount == 0 ? 0 : _histogram.GetValueAtPercentile(percentile) / 1000.0;
        }
    }

    public long Count
    {
        get
        {
            lock (_gate)
            {
                return _histogram.TotalCount;
            }
        }
    }
}
