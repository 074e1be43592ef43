using Edge.Gateway.Core.Queries;
using Prometheus;

namespace Edge.Gateway.Metrics;

/// <summary>Per-node and fleet gauges, read from the read model at scrape time (docs/monitoring uses these names).</summary>
internal static class FleetMetrics
{
    public static void Observe(CollectorRegistry registry, GatewayQueries queries)
    {
        IMetricFactory f = Prometheus.Metrics.WithCustomRegistry(registry);
        Gauge up = f.CreateGauge("edge_node_up", "1 while the node is live, 0 when dead or suspected.", ["node"]);
        Gauge fill = f.CreateGauge("edge_node_buffer_fill", "Samples the node holds.", ["node"]);
        Gauge capacity = f.CreateGauge("edge_node_buffer_capacity", "Samples the node's buffer can hold now.", ["node"]);
        Gauge dropped = f.CreateGauge("edge_node_dropped", "Samples the node reports dropped since it booted.", ["node"]);
        Gauge forecast = f.CreateGauge("edge_node_forecast", "Upper bound of the node's arrivals per step, as it forecasts.", ["node"]);
        Gauge load = f.CreateGauge("edge_fleet_forecast_load", "Forecast load of all flows, samples per second.");
        Gauge fleetCapacity = f.CreateGauge("edge_fleet_capacity", "What the live nodes carry, samples per second.");
        Gauge recommended = f.CreateGauge("edge_fleet_recommended_nodes", "Nodes the autoscaler recommends.");
        Gauge live = f.CreateGauge("edge_fleet_live_nodes", "Nodes the supervisor may assign flows to.");
        // Counters, since they only grow: raised to the supervisor's totals at each scrape.
        Counter failovers = f.CreateCounter("edge_failovers_total", "Nodes lost (Will or phi suspicion) whose flows moved; planned stops are not counted.");
        Counter departures = f.CreateCounter("edge_node_departures_total", "Nodes that stopped on purpose (clean exit, scale-in) whose flows moved.");
        Counter stalls = f.CreateCounter("edge_flow_stalls_total", "Flows moved because they did not progress on a live owner.");
        Counter moves = f.CreateCounter("edge_flow_moves_total", "Flows moved to a new owner (failover, stall and rebalance).");
        Gauge[] perNode = [up, fill, capacity, dropped, forecast];
        var exported = new HashSet<string>(StringComparer.Ordinal);
        registry.AddBeforeCollectCallback(async cancellationToken =>
        {
            FleetView fleet = await queries.FleetAsync(cancellationToken).ConfigureAwait(false);

            // A node the fleet forgot (SupervisorOptions.NodeRetention) takes its series with it. Two scrapes at once
            // must not share the set while one rewrites it.
            lock (exported)
            {
                Forget(exported, fleet, perNode);
            }

            foreach (FleetNodeView node in fleet.Nodes)
            {
                up.WithLabels(node.Node).Set(node.State == "online" ? 1 : 0);
                fill.WithLabels(node.Node).Set(node.BufferFill);
                capacity.WithLabels(node.Node).Set(node.BufferCapacity);
                dropped.WithLabels(node.Node).Set(node.Dropped);
                forecast.WithLabels(node.Node).Set(node.Forecast);
            }

            load.Set(fleet.ForecastLoad);
            fleetCapacity.Set(fleet.FleetCapacity);
            recommended.Set(fleet.RecommendedNodes);
            live.Set(fleet.LiveNodes);
            failovers.IncTo(fleet.Failovers);
            departures.IncTo(fleet.Departures);
            stalls.IncTo(fleet.Stalls);
            moves.IncTo(fleet.FlowMoves);
        });
    }

    private static void Forget(HashSet<string> exported, FleetView fleet, Gauge[] perNode)
    {
        exported.ExceptWith(fleet.Nodes.Select(n => n.Node));
        foreach (string gone in exported)
        {
            foreach (Gauge gauge in perNode)
            {
                gauge.RemoveLabelled(gone);
            }
        }

        exported.Clear();
        exported.UnionWith(fleet.Nodes.Select(n => n.Node));
    }
}
