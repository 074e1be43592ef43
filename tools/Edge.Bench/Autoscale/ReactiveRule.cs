using Edge.Gateway.Core.Fleet;

namespace Edge.Bench.Autoscale;

/// <summary>
/// A Kubernetes HPA-style rule: nodes = ceil(load now / (capacity x target utilisation)), target utilisation
/// 1 / (1 + headroom) so it keeps the planner's headroom; scale-out at once, scale-in only after the lower count has
/// held for the same stabilisation time as the planner's.
/// </summary>
internal sealed class ReactiveRule(AutoscaleOptions options, double nodeCapacity) : IScalingRule
{
    private int _current = options.MinNodes;
    private long? _lowerSince;

    public const string RuleName = "reactive-hpa";

    public string Name => RuleName;

    public int Decide(int step, double load)
    {
        int wanted = Math.Clamp((int)Math.Ceiling(load * (1 + options.Headroom) / nodeCapacity), options.MinNodes, options.MaxNodes);
        long now = AutoscaleBench.StepMs * step;
        if (wanted >= _current)
        {
            _current = wanted;
            _lowerSince = null;
        }
        else if (_lowerSince is null)
        {
            _lowerSince = now;
        }
        else if (now - _lowerSince >= options.ScaleInAfter.TotalMilliseconds)
        {
            _current = wanted;
            _lowerSince = null;
        }

        return _current;
    }
}
