using Edge.Gateway.Mqtt;
using Prometheus;

namespace Edge.Gateway.Metrics;

/// <summary>The embedded broker's bounds at work (gateway/README.md "The embedded broker"), read at scrape time.</summary>
internal static class BrokerMetrics
{
    public static void Observe(CollectorRegistry registry, EmbeddedBroker broker)
    {
        IMetricFactory f = Prometheus.Metrics.WithCustomRegistry(registry);
        Counter dropped = f.CreateCounter("edge_gateway_broker_dropped_total",
            "Messages the embedded broker did not queue for a subscriber: connected (its queue was full) or away (its session's bound).", ["reason"]);
        Counter evicted = f.CreateCounter("edge_gateway_broker_sessions_evicted_total",
            "Persistent sessions of absent clients deleted because more than the bound were kept.");
        Gauge absent = f.CreateGauge("edge_gateway_broker_absent_sessions", "Persistent sessions kept for clients that are away.");
        registry.AddBeforeCollectCallback(async cancellationToken =>
        {
            dropped.WithLabels("connected").IncTo(broker.Counters.DroppedForConnectedClients);
            dropped.WithLabels("away").IncTo(broker.Counters.DroppedWhileAway);
            evicted.IncTo(broker.Counters.SessionsEvicted);
            absent.Set(await broker.AbsentSessionsAsync().ConfigureAwait(false));
        });
    }
}
