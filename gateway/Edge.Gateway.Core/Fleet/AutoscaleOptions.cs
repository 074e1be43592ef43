namespace Edge.Gateway.Core.Fleet;

/// <summary>
/// Nodes needed = forecast load × (1 + headroom) / node capacity, within [Min, Max]. Scale-out follows the
/// forecast at once; scale-in only after the lower number has held for ScaleInAfter (AWS predictive scaling
/// never scales in on a forecast alone, for the same reason: a wrong low forecast costs data, a high one cost).
/// </summary>
internal sealed record AutoscaleOptions
{
    public int MinNodes { get; init; } = 1;

    public int MaxNodes { get; init; } = 32;

    public double Headroom { get; init; } = 0.25;

    public TimeSpan ScaleInAfter { get; init; } = TimeSpan.FromSeconds(60);
}
