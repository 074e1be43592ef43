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

/// <summary>A flows-table row: the owner is the supervisor's assignment (empty while a planned move waits for a flush).</summary>
internal sealed record DashboardFlow(int Flow, double Weight, string Owner, long Epoch, long SinceMs, long Samples, double Rate);
