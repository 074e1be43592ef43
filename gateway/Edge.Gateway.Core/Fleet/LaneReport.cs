namespace Edge.Gateway.Core.Fleet;

/// <summary>
/// One flow as the node serving it last reported it (telemetry's lanes, docs/PROTOCOL.md 3.3): arrivals per second
/// over its last step, the upper bound its own predictor sized for, the samples its share of the node's pool holds,
/// and whether that share grew ahead of a burst.
/// </summary>
internal sealed record LaneReport(int Flow, double Rate, double Forecast, bool PreExpanded, long Share);
