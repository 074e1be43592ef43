using Edge.Gateway.Core.Hosting;
using Edge.Gateway.Mqtt;

namespace Edge.Gateway.Hosting;

/// <summary>What the host needs beyond the logic's options: where the broker is, what to bind, how loud to log.</summary>
internal sealed class GatewayHostOptions
{
    public const int DefaultHttpPort = 8080;
    public const int DefaultMqttPort = 1883;
    public const string DefaultMqttBind = "127.0.0.1";

    public required BrokerEndpoint Broker { get; init; }

    public string MqttBind { get; init; } = DefaultMqttBind;

    public int HttpPort { get; init; } = DefaultHttpPort;

    public LogLevel LogLevel { get; init; } = LogLevel.Information;

    /// <summary>Simulated boards in-process, the chaos API and the demo's defaults (docs in README.md).</summary>
    public bool Demo { get; init; }

    public required GatewayOptions Gateway { get; init; }

    /// <summary>The HA mode (docs/ARCHITECTURE.md): a shared store and an election; both absent in the single mode.</summary>
    public HighAvailability HighAvailability { get; init; } = HighAvailability.Single;
}
