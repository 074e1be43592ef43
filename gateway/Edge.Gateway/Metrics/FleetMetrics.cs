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
        Gauge quarantined = f.CreateGauge("edge_node_quarantined", "1 while the node is quarantined for failing plausibility checks (no new flows, its forecasts ignored).", ["node"]);
        Gauge quarantinedNodes = f.CreateGauge("edge_fleet_quarantined_nodes", "Nodes quarantined now.");
        Counter quarantines = f.CreateCounter("edge_node_quarantines_total", "Nodes put in quarantine for failing plausibility checks window after window.");
        Counter implausible = f.CreateCounter("edge_node_implausible_windows_total", "Windows in which a node's report failed a plausibility check against what the gateway measured.", ["check"]);
        Gauge[] perNode = [up, fill, capacity, dropped, forecast, quarantined];
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
                quarantined.WithLabels(node.Node).Set(node.Quarantine is null ? 0 : 1);
            }

            quarantinedNodes.Set(fleet.QuarantinedNodes);
            quarantines.IncTo(fleet.Quarantines);
            foreach ((string check, long windows) in fleet.ImplausibleWindows)
            {
                implausible.WithLabels(check).IncTo(windows);
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
