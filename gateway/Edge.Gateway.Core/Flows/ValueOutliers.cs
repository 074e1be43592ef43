using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace Edge.Gateway.Core.Flows;

/// <summary>
/// Learns each flow's range from the values it commits and counts, per sending node, values wildly outside it:
/// beyond <see cref="DefaultSpans"/> (by default) times the flow's own span past its minimum or maximum, once the flow has history. A
/// real burst moves values by a few spans, not a thousand; a lying or broken node (1e300 in a temperature flow)
/// does. Outliers are still committed (nothing a node sends is silently lost) and never widen the range, so a liar
/// cannot teach the gateway its lie. One writer (the commit path) per flow; the fleet loop reads the node counters.
/// </summary>
internal sealed class ValueOutliers(double spans = ValueOutliers.DefaultSpans, long warmup = ValueOutliers.DefaultWarmup)
{
    public const double DefaultSpans = 1000;
    public const long DefaultWarmup = 1000;

    // A flow that has only ever been one value still has room around it.
    private const double MinimumSpan = 1.0;

    private readonly ConcurrentDictionary<int, Range> _ranges = new();
    private readonly ConcurrentDictionary<string, StrongBox<long>> _byNode = new(StringComparer.Ordinal);

    /// <summary>Judges committed values of a flow from a node; returns how many were outliers.</summary>
    public int Observe(string node, int flow, ReadOnlySpan<double> values)
    {
        Range range = _ranges.GetOrAdd(flow, _ => new Range());
        int outliers = 0;
        foreach (double value in values)
        {
            if (range.Count >= warmup && range.IsOutlier(value, spans))
            {
                outliers++;
            }
            else
            {
                range.Add(value);
            }
        }

        if (outliers > 0)
        {
            Interlocked.Add(ref _byNode.GetOrAdd(node, _ => new StrongBox<long>()).Value, outliers);
        }

        return outliers;
    }

    /// <summary>Outliers committed from the node since it was first seen (0 when none).</summary>
    public long Of(string node) => _byNode.TryGetValue(node, out StrongBox<long>? count) ? Interlocked.Read(ref count.Value) : 0;

    /// <summary>The node was forgotten by the fleet: its counter goes too (bounded state).</summary>
    public void Forget(string node) => _byNode.TryRemove(node, out _);

    private sealed class Range
    {
        private double _min = double.PositiveInfinity;
        private double _max = double.NegativeInfinity;

        public long Count { get; private set; }

        public void Add(double value)
        {
            _min = Math.Min(_min, value);
            _max = Math.Max(_max, value);
            Count++;
        }

        public bool IsOutlier(double value, double spans)
        {
            double span = Math.Max(_max - _min, Math.Max(Math.Max(Math.Abs(_min), Math.Abs(_max)), MinimumSpan));
            double reach = span * spans;
            return value > _max + reach || value < _min - reach;
        }
    }
}
