namespace Edge.Gateway.Core.Fleet;

/// <summary>Turns the fleet's forecast load into a node count recommendation with scale-in hysteresis.</summary>
internal sealed class AutoscalePlanner(AutoscaleOptions options, double nodeCapacity)
{
    private long? _lowerSinceMs;

    public int Recommended { get; private set; } = options.MinNodes;

    public int Evaluate(double forecastLoad, long nowMs)
    {
        int raw = (int)Math.Ceiling(forecastLoad * (1 + options.Headroom) / nodeCapacity);
        int wanted = Math.Clamp(raw, options.MinNodes, options.MaxNodes);
        if (wanted >= Recommended)
        {
            Recommended = wanted;
            _lowerSinceMs = null;
        }
        else if (_lowerSinceMs is null)
        {
            _lowerSinceMs = nowMs;
        }
        else if (nowMs - _lowerSinceMs >= options.ScaleInAfter.TotalMilliseconds)
        {
            Recommended = wanted;
            _lowerSinceMs = null;
        }

        return Recommended;
    }
}
