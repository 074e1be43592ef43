using Edge.Gateway.Core.Aggregation;
using Edge.Gateway.Core.Events;

namespace Edge.Gateway.Core.Queries;

/// <summary>
/// What one dashboard frame shows: the fleet, every flow with its owner and rate, recent events, the fleet's last 1 s
/// rollup, and whether the gateway is saturated (pushing back on its publishers).
/// </summary>
internal sealed record DashboardSnapshot(
    long TimeMs, FleetView Fleet, IReadOnlyList<DashboardFlow> Flows, IReadOnlyList<GatewayEvent> Events, RollupRecord? Rollup,
    long Rejected, int Streams, bool Saturated);

/// <summary>
/// A flows-table row: the owner is the supervisor's assignment (empty while a planned move waits for a flush);
/// ModelVersion is the fleet model the flow's node runs (0: its classical predictor), ModelError its live error
/// (pinball loss of the coming peak per mean arrival, docs in gateway/Edge.Gateway.Core/Learning) and BaselineError
/// the classical predictor's on the same data; null until measured. Lane is what its owner reports of it (null
/// when the owner sent no lane report for it, or is silent).
/// </summary>
internal sealed record DashboardFlow(
    int Flow, double Weight, string Owner, long Epoch, long SinceMs, long Samples, double Rate, long ModelVersion = 0, double? ModelError = null, double? BaselineError = null,
    DashboardLane? Lane = null);

/// <summary>
/// A flow's lane on the node serving it: arrivals per second over the node's last step, the upper bound the lane's
/// own predictor sized for, whether its share of the node's buffer grew ahead of a burst, and that share in samples.
/// </summary>
internal sealed record DashboardLane(string Node, double Rate, double Forecast, bool PreExpanded, long Share);
