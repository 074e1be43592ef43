using Edge.Gateway.Core.Flows;
using Edge.Gateway.Mqtt.Security;
using Prometheus;

namespace Edge.Gateway.Metrics;

/// <summary>What the broker's security refused (docs/SECURITY.md), and sums that saturated, read at scrape time.</summary>
internal static class SecurityMetrics
{
    public static void Observe(CollectorRegistry registry, BrokerAuthorizer authorizer)
    {
        IMetricFactory f = Prometheus.Metrics.WithCustomRegistry(registry);
        Counter connects = f.CreateCounter("edge_gateway_broker_connect_refused_total",
            "CONNECTs the embedded broker refused: bad_credentials, anonymous, client_id (an id bound to another identity).", ["reason"]);
        Counter publishes = f.CreateCounter("edge_gateway_broker_publish_refused_total",
            "PUBLISHes (and Wills) the embedded broker dropped: acl, retain, oversize, throttled.", ["reason"]);
        Counter packets = f.CreateCounter("edge_gateway_broker_oversize_packets_total",
            "Connections the embedded broker closed because a packet's header declared more than the maximum packet size (before reading it).");
        Counter subscribes = f.CreateCounter("edge_gateway_broker_subscribe_refused_total", "SUBSCRIBEs the topic ACL refused.");
        Counter overQuota = f.CreateCounter("edge_gateway_broker_subscribe_over_quota_total",
            "Subscriptions refused because the client already held its limit of distinct filters (BrokerSecurity's MaxSubscriptionsPerNode, MaxSubscriptionsPerClient).");
        Counter overflows = f.CreateCounter("edge_gateway_sum_overflows_total", "Sums that would have left the finite doubles and saturated instead.");
        SecurityCounters c = authorizer.Counters;
        registry.AddBeforeCollectCallback(() =>
        {
            connects.WithLabels("bad_credentials").IncTo(c.BadCredentials);
            connects.WithLabels("anonymous").IncTo(c.AnonymousRefused);
            connects.WithLabels("client_id").IncTo(c.ClientIdRefused);
            publishes.WithLabels("acl").IncTo(c.PublishDenied);
            publishes.WithLabels("retain").IncTo(c.RetainDenied);
            publishes.WithLabels("oversize").IncTo(c.Oversize);
            publishes.WithLabels("throttled").IncTo(c.Throttled);
            subscribes.IncTo(c.SubscribeDenied);
            overQuota.IncTo(c.SubscriptionsOverQuota);
            packets.IncTo(c.OversizePackets);
            overflows.IncTo(FiniteSum.Overflows);
        });
    }
}
