namespace Edge.Gateway.Core.Failover;

/// <summary>A node the supervisor may give flows to, with what its last telemetry said about load and buffer.</summary>
internal sealed record LiveNode(string Node, long Session, long JoinedMs, int MaxFlows = 0)
{
    public double Forecast { get; init; }

    public double Headroom { get; init; } = 1.0;

    public bool PreExpanded { get; init; }

    public bool Alarm { get; init; }

    public long Dropped { get; init; }
}
