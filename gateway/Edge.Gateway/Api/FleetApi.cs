using Edge.Gateway.Core.Failover;
using Edge.Gateway.Core.Hosting;

namespace Edge.Gateway.Api;

/// <summary>GET /api/fleet: the supervisor's view (live nodes, suspicion, owners, autoscaling) joined with sessions.</summary>
internal static class FleetApi
{
    public static void MapFleetApi(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/fleet", (GatewayRuntime gw) => Snapshot(gw));

    public static FleetView Snapshot(GatewayRuntime gw)
    {
        FleetSupervisor supervisor = gw.Supervisor;
        var live = supervisor.LiveNodes.ToDictionary(n => n.Node, StringComparer.Ordinal);
        var nodes = gw.Sessions.Snapshot().Select(s =>
        {
            bool isLive = live.TryGetValue(s.Node, out LiveNode? n);
            double phi = isLive ? supervisor.Phi(s.Node) : 0;
            string state = !isLive || !s.Online ? "dead" : phi >= supervisor.Threshold / 2 ? "suspected" : "online";
            return new FleetNodeView(s.Node, state, s.Session, s.LastSeenMs, s.BufferFill, s.BufferCapacity, s.Forecast,
                n?.PreExpanded ?? false, n?.Alarm ?? false, n?.Dropped ?? 0, Math.Round(phi, 2));
        }).ToList();
        return new FleetView(nodes, supervisor.Owners, supervisor.RecommendedNodes, live.Count, supervisor.ForecastLoad,
            supervisor.FleetCapacity, supervisor.Failovers, supervisor.BalancerName);
    }
}

internal sealed record FleetView(
    IReadOnlyList<FleetNodeView> Nodes, IReadOnlyList<FlowOwner> Owners, int RecommendedNodes, int LiveNodes, double ForecastLoad,
    double FleetCapacity, long Failovers, string Balancer);

internal sealed record FleetNodeView(
    string Node, string State, long Session, long LastSeenMs, long BufferFill, long BufferCapacity, double Forecast, bool PreExpanded,
    bool Alarm, long Dropped, double Phi);
