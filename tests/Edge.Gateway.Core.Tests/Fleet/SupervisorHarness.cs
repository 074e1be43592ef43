using Edge.Gateway.Core.Balancing;
using Edge.Gateway.Core.Detection;
using Edge.Gateway.Core.Events;
using Edge.Gateway.Core.Fleet;
using Edge.Gateway.Core.Flows;
using Edge.Gateway.Core.Outbound;
using Edge.Gateway.Core.Ports;
using Edge.Gateway.Core.Tests.Support;
using Edge.Protocol;
using Microsoft.Extensions.Logging.Abstractions;

namespace Edge.Gateway.Core.Tests.Fleet;

/// <summary>
/// The fleet's decision parts wired as the fleet loop wires them, driven directly on a manual clock (the loop's
/// thread is this test's), with the outbox flushed after every step and helpers to read the owner messages.
/// </summary>
internal sealed class SupervisorHarness
{
    private readonly IScaleActuator? _actuator;

    public SupervisorHarness(string flows = "0-11", SupervisorOptions? options = null, IScaleActuator? actuator = null, IMessagePublisher? publisher = null,
        Leadership? leadership = null)
    {
        _actuator = actuator;
        PublisherUsed = publisher ?? Publisher;
        // Nothing is committed here unless a test says so, so stall detection is off unless a test turns it on.
        Options = options ?? new SupervisorOptions { StallAfter = TimeSpan.Zero };
        Flows = new FlowRegistry(FlowCatalog.Parse(flows));
        var events = new GatewayEvents(Clock);
        Outbox = new Outbox(PublisherUsed, NullGatewayMetrics.Instance, Clock, NullLogger<Outbox>.Instance, leadership);
        Placement = new FlowPlacement(Options, "lab", Flows, new ForecastBalancer(), events, leadership);
        Events = events;
        Supervisor = new FleetSupervisor(Options, new NodeRegistry(), Placement, new PhiAccrualFailureDetector(Options.Phi), Outbox, events, "lab", leadership,
            Outliers);
    }

    public ManualClock Clock { get; } = new();

    public GatewayEvents Events { get; }

    /// <summary>The value-outlier counters the supervisor's plausibility checks read (fed by a test as commits would).</summary>
    public ValueOutliers Outliers { get; } = new();

    /// <summary>What a node claims in its telemetry instead of the defaults (rate 0, <see cref="Forecast"/>): a liar's script.</summary>
    public Dictionary<string, (double Rate, double Forecast)> Claims { get; } = [];

    public RecordingPublisher Publisher { get; } = new();

    /// <summary>The publisher the outbox was given (Publisher unless a test passed its own).</summary>
    public IMessagePublisher PublisherUsed { get; }

    public FlowRegistry Flows { get; }

    public SupervisorOptions Options { get; }

    public Outbox Outbox { get; }

    public FlowPlacement Placement { get; }

    public FleetSupervisor Supervisor { get; }

    public Dictionary<string, long> Sessions { get; } = [];

    /// <summary>What each node announces as its maxFlows at birth (0 = no limit).</summary>
    public int MaxFlows { get; set; }

    /// <summary>What each heartbeat reports as the node's forecast.</summary>
    public double Forecast { get; set; }

    private long Now => Clock.GetUtcNow().ToUnixTimeMilliseconds();

    /// <summary>A birth; <paramref name="sources"/> names the flows the node can source ("": any).</summary>
    public void Birth(string node, string sources = "")
    {
        Sessions[node] = Sessions.GetValueOrDefault(node) + 1;
        Supervisor.Birth(new NodeBirth(node, Sessions[node], 250, MaxFlows, 100, sources), Now);
        Flush();
    }

    /// <summary>A clean stop: the node says offline on purpose.</summary>
    public void Stop(string node)
    {
        Supervisor.State(node, online: false, Sessions[node], Now, planned: true);
        Flush();
    }

    /// <summary>Makes every flow a listed node owns progress by one committed sample (as its data being ingested would).</summary>
    public void Produce(params string[] nodes)
    {
        foreach (FlowOwner owner in Placement.Owners.Where(o => nodes.Contains(o.Node)))
        {
            FlowSequence flow = Flows.Get(owner.Flow);
            flow.MarkCommitted(flow.Committed + 1, 1, 0);
        }
    }

    /// <summary>The node's Will: an offline state of its current session.</summary>
    public void Die(string node)
    {
        Supervisor.State(node, online: false, Sessions[node], Now);
        Flush();
    }

    /// <summary>When set, heartbeating nodes also produce their flows (one sample a heartbeat) unless they are Idle.</summary>
    public bool ProducesData { get; set; }

    /// <summary>Nodes that heartbeat but never produce the flows they own (a node that refuses, a dead source).</summary>
    public HashSet<string> Idle { get; } = [];

    /// <summary>Advances time in 50 ms ticks; the listed nodes heartbeat every 250 ms (and produce, see ProducesData).</summary>
    public void Run(TimeSpan span, params string[] heartbeating)
    {
        for (var t = TimeSpan.Zero; t < span; t += TimeSpan.FromMilliseconds(50))
        {
            Clock.Advance(TimeSpan.FromMilliseconds(50));
            if (Now % 250 == 0)
            {
                foreach (string node in heartbeating)
                {
                    // As the runtime does: the heartbeat counts on arrival, the telemetry's content after ingest.
                    Supervisor.Heartbeat(node, Now);
                    (double rate, double forecast) = Claims.GetValueOrDefault(node, (0, Forecast));
                    Supervisor.Telemetry(node, new NodeTelemetry(Sessions[node], 0, 100, rate, forecast, 0, false, false, 0), Now);
                }

                if (ProducesData)
                {
                    Produce([.. heartbeating.Where(n => !Idle.Contains(n))]);
                }
            }

            if (Supervisor.Tick(Now) is int nodes)
            {
                _actuator?.ScaleToAsync(nodes, default).GetAwaiter().GetResult();
            }

            Flush();
        }
    }

    public List<FlowOwnerMessage> OwnerMessages() =>
        [.. Publisher.Published.Where(p => p.Topic.EndsWith("/owner", StringComparison.Ordinal)).Select(p => Decode<FlowOwnerMessage>(p.Payload))];

    public Dictionary<int, string> Owners() => Placement.Owners.ToDictionary(o => o.Flow, o => o.Node);

    public static T Decode<T>(byte[] payload)
        where T : IJsonMessage, new()
    {
        var message = new T();
        Assert.Equal(ProtocolError.None, JsonCodec.Decode(message, new JsonReader(), payload, 0, payload.Length));
        return message;
    }

    private void Flush() => Outbox.FlushAsync(default).GetAwaiter().GetResult();
}
