using System.Globalization;
using Edge.Gateway.Core.Failover;
using Edge.Gateway.Core.Flows;
using Edge.Gateway.Core.Hosting;
using Edge.Gateway.Mqtt;

namespace Edge.Gateway.Hosting;

/// <summary>The command line. Plain configuration, so every switch can also come from env vars (Gateway__Site...).</summary>
internal sealed class GatewayHostOptions
{
    public static readonly Dictionary<string, string> Switches = new(StringComparer.Ordinal)
    {
        ["--broker"] = "Gateway:Broker",
        ["--mqtt-port"] = "Gateway:MqttPort",
        ["--mqtt-bind"] = "Gateway:MqttBind",
        ["--http-port"] = "Gateway:HttpPort",
        ["--db"] = "Gateway:Db",
        ["--retention"] = "Gateway:Retention",
        ["--site"] = "Gateway:Site",
        ["--gateway-id"] = "Gateway:Id",
        ["--flows"] = "Gateway:Flows",
        ["--webhook"] = "Gateway:Webhook",
        ["--republish"] = "Gateway:Republish",
        ["--node-capacity"] = "Gateway:NodeCapacity",
        ["--balancer"] = "Gateway:Balancer",
    };

    public required BrokerEndpoint Broker { get; init; }

    public required string MqttBind { get; init; }

    public int HttpPort { get; init; }

    public required GatewayOptions Gateway { get; init; }

    public static GatewayHostOptions From(IConfiguration configuration)
    {
        IConfigurationSection c = configuration.GetSection("Gateway");
        int mqttPort = int.Parse(c["MqttPort"] ?? "1883", CultureInfo.InvariantCulture);
        string bind = c["MqttBind"] ?? "127.0.0.1";
        string? webhook = c["Webhook"];
        return new GatewayHostOptions
        {
            Broker = c["Broker"] is { Length: > 0 } external ? BrokerEndpoint.External(external) : new BrokerEndpoint(bind, mqttPort, true),
            MqttBind = bind,
            HttpPort = int.Parse(c["HttpPort"] ?? "8080", CultureInfo.InvariantCulture),
            Gateway = new GatewayOptions
            {
                Site = c["Site"] ?? "site1",
                GatewayId = c["Id"] ?? "gw1",
                DatabasePath = c["Db"] ?? "edge-gateway.db",
                Retention = TimeSpan.FromHours(double.Parse(c["Retention"] ?? "168", CultureInfo.InvariantCulture)),
                Flows = FlowCatalog.Parse(c["Flows"] ?? "1-8"),
                WebhookUrl = webhook is { Length: > 0 } ? new Uri(webhook) : null,
                RepublishPrefix = c["Republish"],
                Supervisor = new SupervisorOptions
                {
                    NodeCapacity = double.Parse(c["NodeCapacity"] ?? "200", CultureInfo.InvariantCulture),
                    Balancer = c["Balancer"] ?? "forecast-greedy",
                },
            },
        };
    }
}
