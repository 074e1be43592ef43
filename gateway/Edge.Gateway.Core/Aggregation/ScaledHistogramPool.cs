namespace Edge.Gateway.Core.Aggregation;

/// <summary>
/// Histograms for the flows whose window outgrew exact samples: rented when a window spills, cleared and given
/// back when it closes, so memory follows the flows that are busy now, not every flow ever seen.
/// Used on the aggregator's loop only.
/// </summary>
internal sealed class ScaledHistogramPool
{
    private readonly Stack<ScaledHistogram> _free = new();

    public ScaledHistogram Rent() => _free.Count > 0 ? _free.Pop() : new ScaledHistogram();

    public void Return(ScaledHistogram histogram)
    {
        histogram.Reset();
        _free.Push(histogram);
    }
}
