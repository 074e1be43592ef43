using Edge.Gateway.Core.Hosting;
using Edge.Gateway.Core.Queries;
using Edge.Gateway.Tests.Fixtures;
using Edge.Node.Sim.Fleet;
using Microsoft.Extensions.DependencyInjection;

namespace Edge.Gateway.Tests.Failover;

/// <summary>
/// The real gateway (embedded broker, SQLite, supervisor) with a fleet of virtual boards running the portable
/// node agent over real MQTT connections, each behind its own flaky link. Synthetic sources have integer
/// values, so sums are exact and "equal to the source" can be checked to the last bit. Everything is read
/// through the gateway's read model, as the REST API reads it.
/// </summary>
internal sealed class FleetHarness : IAsyncDisposable
{
    private readonly TempDirectory _dir;

    private FleetHarness(TempDirectory dir, InProcessGateway gateway, SimFleet fleet)
    {
        _dir = dir;
        Gateway = gateway;
        Fleet = fleet;
    }

    public InProcessGateway Gateway { get; }

    public SimFleet Fleet { get; }

    public GatewayQueries Queries => Gateway.Services.GetRequiredService<GatewayRuntime>().Queries;

    /// <summary>The supervisor's view now (built on the fleet loop's thread).</summary>
    public FleetView Supervisor => Queries.FleetAsync(CancellationToken.None).GetAwaiter().GetResult();

    /// <summary>Nodes the supervisor may give flows to (online or merely suspected).</summary>
    public IReadOnlyList<FleetNodeView> LiveNodes => [.. Supervisor.Nodes.Where(n => n.State != "dead")];

    /// <summary>Embedded broker, or the external one at <paramref name="externalBrokerPort"/> for gateway and boards alike.</summary>
    public static async Task<FleetHarness> StartAsync(int nodes, int flows, double samplesPerSecond = 50, int? externalBrokerPort = null)
    {
        var dir = new TempDirectory();
        var gateway = await InProcessGateway.StartAsync(dir.File("gateway.db"), "lab", "0-" + (flows - 1), externalBrokerPort);
        long start = TimeProvider.System.GetUtcNow().ToUnixTimeMilliseconds();
        var options = new FleetOptions { Site = "lab", Nodes = nodes, BrokerPort = gateway.MqttPort, SamplesPerSecond = samplesPerSecond, BatchMs = 100 };
        var fleet = new SimFleet(options, FlowSources.Synthetic(flows, start), TimeProvider.System);
        fleet.Start();
        return new FleetHarness(dir, gateway, fleet);
    }

    /// <summary>The gateway's recent events, for assertion messages.</summary>
    public string Events() => string.Join("\n", Queries.Events(60).Select(e => e.ToString()));

    public string Owner(int flow) => Supervisor.Owners.FirstOrDefault(o => o.Flow == flow)?.Node ?? "";

    public long Committed(int flow) => Queries.Flow(flow)?.CommittedSequence ?? 0;

    public IEnumerable<int> FlowIds => Fleet.Sources.Select(s => s.Flow);

    /// <summary>Waits until every flow has a live owner and has committed at least <paramref name="samples"/> more.</summary>
    public async Task FlowingAsync(long samples, int timeoutMs = 30_000)
    {
        var from = FlowIds.ToDictionary(f => f, Committed);
        await Eventually.TrueAsync(
            () => FlowIds.All(f => Committed(f) >= from[f] + samples && LiveNodes.Any(n => n.Node == Owner(f))),
            "every flow owned by a live node and " + samples + " more samples committed", timeoutMs);
    }

    /// <summary>
    /// Stops the fleet, lets ingest drain, then checks every flow: each committed sequence counted once (count
    /// equals the committed sequence: no duplicates, no holes) and the committed sum equals the source's.
    /// </summary>
    public async Task AssertTotalsEqualTheSourceAsync()
    {
        Fleet.Dispose();
        long last = -1;
        await Eventually.TrueAsync(() =>
        {
            QueueDepths queues = Queries.Queues();
            long now = FlowIds.Sum(f => Committed(f)) + queues.Inbound + queues.Store;
            bool still = now == last;
            last = now;
            Thread.Sleep(300);
            return still;
        }, "ingest drained");
        foreach (IFlowSource source in Fleet.Sources)
        {
            FlowView flow = Queries.Flow(source.Flow)!;
            double expected = 0;
            for (long s = 0; s < flow.CommittedSequence; s++)
            {
                expected += source.ValueAt(s);
            }

            Assert.True(flow.CommittedSequence > 0, "flow " + source.Flow + " committed nothing");
            Assert.Equal(flow.CommittedSequence, flow.SampleCount);
            Assert.Equal(expected, flow.ValueSum);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Fleet.Dispose();
        await Gateway.DisposeAsync();
        _dir.Dispose();
    }
}
