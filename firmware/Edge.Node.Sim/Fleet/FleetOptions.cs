using Edge.Node.Core.Agent;
using Edge.Node.Mqtt;
using Edge.Protocol;

namespace Edge.Node.Sim.Fleet;

/// <summary>How the simulated fleet runs; defaults make a lively demo on a laptop.</summary>
public sealed class FleetOptions
{
    public string Site { get; set; } = Topics.DefaultSite;

    public int Nodes { get; set; } = 4;

    public string BrokerHost { get; set; } = "127.0.0.1";

    public int BrokerPort { get; set; } = 1883;

    /// <summary>Samples each flow produces per second of wall time (trace rows replayed per second).</summary>
    public double SamplesPerSecond { get; set; } = 20;

    public long HeartbeatMs { get; set; } = ConfigMessage.DefaultHeartbeatMs;

    public long HeartbeatJitterMs { get; set; }

    public long BatchMs { get; set; } = 250;

    public int KeepAliveSeconds { get; set; } = AgentSettings.DefaultKeepAliveSeconds;

    /// <summary>
    /// The password of a board (its node id is its username), or null to connect without credentials, which only
    /// a gateway whose broker listens on loopback alone accepts. The demo provisions one per board.
    /// </summary>
    public Func<string, string?>? Password { get; set; }

    /// <summary>TLS to the broker (the lab CA to trust; the broker's certificate must name <see cref="BrokerHost"/>); null = plain MQTT.</summary>
    public BrokerTls? Tls { get; set; }

    /// <summary>The classical predictor each board starts with (a model the gateway pushes replaces it).</summary>
    public string Predictor { get; set; } = ConfigMessage.DefaultPredictor;
}
