namespace Edge.Gateway.Core.Balancing;

/// <summary>
/// A live node as the balancer sees it: what it can carry (samples per second), the free fraction of its
/// buffer, and whether its buffer has already grown ahead of a forecast burst.
/// </summary>
internal sealed record NodeCapacity(string Node, double Capacity, double Headroom = 1.0, bool PreExpanded = false);
