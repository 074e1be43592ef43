using Edge.Gateway.Core.Balancing;
using Edge.Gateway.Core.Failover;
using Edge.Gateway.Core.Flows;
using Edge.Gateway.Core.Hosting;
using Edge.Gateway.Core.Ingest;
using Edge.Gateway.Core.Tests.Support;
using Edge.Protocol;

namespace Edge.Gateway.Core.Tests.Failover;

/// <summary>A supervisor on a manual clock, with helpers to read the owner messages it publishes.</summary>
internal sealed class SupervisorHarness
{
    public SupervisorHarness(string flows = "0-11", SupervisorOptions? options = null, IScaleActuator? actuator = null, IMessagePublisher? publisher = null)
    {
        PublisherUsed = publisher ?? Publisher;
        Options = options ?? new SupervisorOptions();
        Gateway = new GatewayOptions { Site = "lab", Flows = FlowCatalog.Parse(flows) };
        Supervisor = new FleetSupervisor(Options, Gateway, Sequences, new PhiAccrualFailureDetector(Options.Phi), new ForecastBalancer(),
            PublisherUsed, new GatewayEvents(Clock), Clock, actuator);
    }

    public ManualClock Clock { get; } = new();

    public RecordingPublisher Publisher { get; } = new();

    /// <summary>The publisher the supervisor was given (Publisher unless a test passed its own).</summary>
    public IMessagePublisher PublisherUsed { get; }

    public FlowSequences Sequences { get; } = new();

    public SupervisorOptions Options { get; }

    public GatewayOptions Gateway { get; }

    public FleetSupervisor Supervisor { get; }

    public Dictionary<string, long> Sessions { get; } = [];

    /// <summary>What each node announces as its maxFlows at birth (0 = no limit).</summary>
    public int MaxFlows { get; set; }

    /// <summary>What each heartbeat reports as the node's forecast.</summary>
    public double Forecast { get; set; }

    public void Birth(string node)
    {
        Sessions[node] = Sessions.GetValueOrDefault(node) + 1;
        Supervisor.OnBirthAsync(node, Sessions[node], 250, MaxFlows, default).GetAwaiter().GetResult();
    }

    public void Die(string node) => Supervisor.OnDeathAsync(node, "will", default).GetAwaiter().GetResult();

    /// <summary>Advances time in 50 ms ticks; the listed nodes heartbeat every 250 ms.</summary>
    public void Run(TimeSpan span, params string[] heartbeating)
    {
        for (var t = TimeSpan.Zero; t < span; t += TimeSpan.FromMilliseconds(50))
        {
            Clock.Advance(TimeSpan.FromMilliseconds(50));
            if (Clock.GetUtcNow().ToUnixTimeMilliseconds() % 250 == 0)
            {
                foreach (string node in heartbeating)
                {
                    // As the runtime does: the heartbeat counts on arrival, the telemetry's content after ingest.
                    Supervisor.HeartbeatArrived("edge/v1/lab/node/" + node + "/telemetry");
                    Supervisor.OnTelemetryAsync(node, new TelemetryMessage { Session = Sessions[node], BufferCapacity = 100, Forecast = Forecast }, default).GetAwaiter().GetResult();
                }
            }

            Supervisor.TickAsync(default).GetAwaiter().GetResult();
        }
    }

    public List<FlowOwnerMessage> OwnerMessages() =>
        [.. Publisher.Published.Where(p => p.Topic.EndsWith("/owner", StringComparison.Ordinal)).Select(p => Decode<FlowOwnerMessage>(p.Payload))];

    public Dictionary<int, string> Owners() => Supervisor.Owners.ToDictionary(o => o.Flow, o => o.Node);

    public static T Decode<T>(byte[] payload)
        where T : IJsonMessage, new()
    {
        var message = new T();
        Assert.Equal(ProtocolError.None, JsonCodec.Decode(message, new JsonReader(), payload, 0, payload.Length));
        return message;
    }
}
