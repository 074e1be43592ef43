using Edge.Gateway.Core.Failover;
using Edge.Gateway.Core.Hosting;
using Edge.Gateway.Core.Ingest;
using Edge.Gateway.Tests.Fixtures;
using Edge.Node.Sim.Fleet;
using Microsoft.Extensions.DependencyInjection;

namespace Edge.Gateway.Tests.Failover;

/// <summary>
/// The real gateway (embedded broker, SQLite, supervisor) with a fleet of virtual boards running the portable
/// node agent over real MQTT connections, each behind its own flaky link. Synthetic sources have integer
/// values, so sums are exact and "equal to the source" can be checked to the last bit.
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

    public GatewayRuntime Runtime => Gateway.Services.GetRequiredService<GatewayRuntime>();

    public FleetSupervisor Supervisor => Runtime.Supervisor;

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
    public string Events() => string.Join("\n", Runtime.Events.Recent(60).Select(e => e.ToString()));

    public string Owner(int flow) => Supervisor.Owners.FirstOrDefault(o => o.Flow == flow)?.Node ?? "";

    public long Committed(int flow) => Runtime.Flows.Find(flow)?.Committed ?? 0;

    public IEnumerable<int> FlowIds => Fleet.Sources.Select(s => s.Flow);

    /// <summary>Waits until every flow has a live owner and has committed at least <paramref name="samples"/> more.</summary>
    public async Task FlowingAsync(long samples, int timeoutMs = 30_000)
    {
        var from = FlowIds.ToDictionary(f => f, Committed);
        var live = Supervisor.LiveNodes.Select(n => n.Node).ToHashSet();
        await Eventually.TrueAsync(
            () => FlowIds.All(f => Committed(f) >= from[f] + samples && Supervisor.LiveNodes.Any(n => n.Node == Owner(f))),
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
            long now = FlowIds.Sum(f => Committed(f)) + Runtime.InboundDepth + Runtime.Store.QueueDepth;
            bool still = now == last;
            last = now;
            Thread.Sleep(300);
            return still;
        }, "ingest drained");
        foreach (IFlowSource source in Fleet.Sources)
        {
            FlowSequence flow = Runtime.Flows.Get(source.Flow);
            double expected = 0;
            for (long s = 0; s < flow.Committed; s++)
            {
                expected += source.ValueAt(s);
            }

            Assert.True(flow.Committed > 0, "flow " + source.Flow + " committed nothing");
            Assert.Equal(flow.Committed, flow.CommittedCount);
            Assert.Equal(expected, flow.CommittedSum);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Fleet.Dispose();
        await Gateway.DisposeAsync();
        _dir.Dispose();
    }
}
