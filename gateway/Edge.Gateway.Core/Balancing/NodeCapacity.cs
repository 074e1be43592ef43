namespace Edge.Gateway.Core.Balancing;

/// <summary>
/// A live node as the balancer sees it: what it can carry (samples per second), the free fraction of its
/// buffer, whether its buffer has already grown ahead of a forecast burst, and how many flows it can serve at
/// once (its birth's maxFlows; 0 = no limit).
/// </summary>
internal sealed record NodeCapacity(string Node, double Capacity, double Headroom = 1.0, bool PreExpanded = false, int MaxFlows = 0);
