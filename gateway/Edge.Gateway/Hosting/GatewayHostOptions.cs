using System.Globalization;
using Edge.Gateway.Core.Flows;
using Edge.Gateway.Core.Hosting;
using Edge.Gateway.Core.Sinks;
using Edge.Gateway.Core.Storage;
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
        ["--learn-every"] = "Gateway:LearnEvery",
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
        var defaults = new GatewayOptions();
        return new GatewayHostOptions
        {
            Broker = c["Broker"] is { Length: > 0 } external ? BrokerEndpoint.External(external) : new BrokerEndpoint(bind, mqttPort, true),
            MqttBind = bind,
            HttpPort = int.Parse(c["HttpPort"] ?? "8080", CultureInfo.InvariantCulture),
            Gateway = new GatewayOptions
            {
                Site = c["Site"] ?? defaults.Site,
                GatewayId = c["Id"] ?? defaults.GatewayId,
                Flows = c["Flows"] is { } flows ? FlowCatalog.Parse(flows) : FlowCatalog.Parse("1-8"),
                Store = new StoreOptions
                {
                    DatabasePath = c["Db"] ?? defaults.Store.DatabasePath,
                    Retention = c["Retention"] is { } hours ? TimeSpan.FromHours(double.Parse(hours, CultureInfo.InvariantCulture)) : defaults.Store.Retention,
                },
                Sinks = new SinkOptions
                {
                    WebhookUrl = webhook is { Length: > 0 } ? new Uri(webhook) : null,
                    RepublishPrefix = c["Republish"],
                },
                // Seconds between training rounds of the fleet model; absent: learning off.
                Learning = c["LearnEvery"] is { } learn
                    ? defaults.Learning with { Enabled = true, TrainEvery = TimeSpan.FromSeconds(double.Parse(learn, CultureInfo.InvariantCulture)) }
                    : defaults.Learning,
                Supervisor = defaults.Supervisor with
                {
                    NodeCapacity = c["NodeCapacity"] is { } capacity ? double.Parse(capacity, CultureInfo.InvariantCulture) : defaults.Supervisor.NodeCapacity,
                    Balancer = c["Balancer"] ?? defaults.Supervisor.Balancer,
                },
            },
        };
    }
}
