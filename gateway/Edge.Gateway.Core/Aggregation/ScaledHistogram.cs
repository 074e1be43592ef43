using HdrHistogram;

namespace Edge.Gateway.Core.Aggregation;

/// <summary>
/// Percentiles of doubles on HdrHistogram, which only counts non-negative integers (the .NET port has no
/// DoubleHistogram): values are scaled by 1000 (resolution 0.001) and negative values go to a second histogram
/// of magnitudes. Three significant digits (as docs/PROTOCOL.md promises) cost about 250 KB a histogram, so only
/// the fleet and the flows whose window outgrew exact samples use one (<see cref="WindowStats"/>); percentiles
/// are within 0.1%, clamped to |v| &lt;= 1e9. Count, sum, min and max are exact elsewhere.
/// </summary>
internal sealed class ScaledHistogram
{
    public const double Scale = 1000.0;
    private const long Highest = 1_000_000_000_000L;
    private readonly IntHistogram _positive = new(Highest, 3);
    private readonly IntHistogram _negative = new(Highest, 3);

    public void Record(double value)
    {
        long scaled = (long)Math.Min(Highest, Math.Round(Math.Abs(value) * Scale));
        (value < 0 ? _negative : _positive).RecordValue(scaled);
    }

    /// <summary>Counts another histogram's values here too (exact: the buckets are the same).</summary>
    public void Add(ScaledHistogram other)
    {
        _positive.Add(other._positive);
        _negative.Add(other._negative);
    }

    public double Percentile(double percent)
    {
        long negatives = _negative.TotalCount;
        long total = negatives + _positive.TotalCount;
        if (total == 0)
        {
            return 0;
        }

        // Rank among all values, then read it from whichever half it falls in (negatives are mirrored).
        double rank = percent / 100.0 * total;
        if (rank <= negatives && negatives > 0)
        {
            double fromTop = 100.0 * (1.0 - (rank / negatives));
            return -_negative.GetValueAtPercentile(Math.Clamp(fromTop, 0, 100)) / Scale;
        }

        double within = 100.0 * (rank - negatives) / _positive.TotalCount;
        return _positive.GetValueAtPercentile(Math.Clamp(within, 0, 100)) / Scale;
    }

    public void Reset()
    {
        _positive.Reset();
        _negative.Reset();
    }
}
