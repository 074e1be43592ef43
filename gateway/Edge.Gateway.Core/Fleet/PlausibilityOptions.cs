namespace Edge.Gateway.Core.Fleet;

/// <summary>
/// How the gateway checks what a node says about itself against what it measures (docs/SECURITY.md, "A lying
/// node"). Each bound is wide on purpose: an honest node with a noisy meter, a burst or a wide forecast stays far
/// inside; a node that reports what did not happen does not, window after window.
/// </summary>
internal sealed record PlausibilityOptions
{
    /// <summary>One judgement covers this long; zero turns the checks off.</summary>
    public TimeSpan Window { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Consecutive failed windows that quarantine a node (a passed window starts the count again).</summary>
    public int Strikes { get; init; } = 3;

    /// <summary>
    /// Arrivals the node reports (its rate over the window) against what the gateway saw them become (committed
    /// samples of its flows, plus the growth of its buffer and its drops): allowed to differ by this fraction of
    /// the larger, or by <see cref="SlackSamples"/>.
    /// </summary>
    public double Tolerance { get; init; } = 0.5;

    public long SlackSamples { get; init; } = 200;

    /// <summary>A forecast above this many times the larger of the node's measured peak and a node's capacity is no forecast.</summary>
    public double ForecastFactor { get; init; } = 10;

    /// <summary>Telemetry more often than this many times its declared heartbeat (plus a few) is a flood, not a heartbeat.</summary>
    public double HeartbeatFactor { get; init; } = 3;

    /// <summary>Values far outside their flow's own history (<see cref="Flows.ValueOutliers"/>) tolerated in one window.</summary>
    public long OutliersPerWindow { get; init; } = 3;
}
