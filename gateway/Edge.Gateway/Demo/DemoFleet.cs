using Edge.Gateway.Core.Fleet;
using Edge.Gateway.Hosting;
using Edge.Node.Sim.Fleet;

namespace Edge.Gateway.Demo;

/// <summary>
/// --demo: a fleet of simulated boards in the gateway's own process, started after the gateway (so its broker
/// is up) and stopped before it. It is also the autoscaler's actuator: boards are added when more are
/// recommended and the added ones stopped when fewer are.
/// </summary>
internal sealed partial class DemoFleet(GatewayHostOptions options, ILogger<DemoFleet> logger) : IHostedService, IScaleActuator, IDisposable
{
    public const int Boards = 4;
    public const int TraceFlows = 3;
    public const int SyntheticFlows = 5;

    /// <summary>
    /// A trace row (five minutes in the NAB recordings) lasts 5 s: long enough that the rise before a burst is
    /// seen for a few of the node's 1 s steps, as it would be on a real link, so the buffer can grow in time.
    /// </summary>
    public const long RowMs = 5000;

    /// <summary>Rows replayed before each trace's first burst: it arrives 40–50 s into the demo.</summary>
    public const int LeadRows = 9;

    /// <summary>The early-alarm predictor: it raises the forecast when the rate starts to rise.</summary>
    public const string Predictor = "precursor";
    private readonly Lock _gate = new();
    private SimFleet? _fleet;

    public SimFleet? Fleet => _fleet;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        long start = TimeProvider.System.GetUtcNow().ToUnixTimeMilliseconds();
        var fleetOptions = new FleetOptions
        {
            Site = options.Gateway.Site,
            Nodes = Boards,
            BrokerHost = options.Broker.Host,
            BrokerPort = options.Broker.Port,
            Predictor = Predictor,
        };

        // Bursts of arrivals, each trace starting shortly before its first burst, so the first minute shows a
        // forecast rising, a buffer growing ahead of it and the burst absorbed.
        var sources = FlowSources.ArrivalTraces(FlowSources.ShippedTraces, start, fleetOptions.SamplesPerSecond, RowMs, LeadRows).Take(TraceFlows)
            .Concat(FlowSources.ArrivalSynthetic(SyntheticFlows, start, fleetOptions.SamplesPerSecond, firstFlow: TraceFlows)).ToList();
        lock (_gate)
        {
            _fleet = new SimFleet(fleetOptions, sources, TimeProvider.System);
            _fleet.Start();
        }

        LogFleet(logger, Boards, sources.Count);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        Dispose();
        return Task.CompletedTask;
    }

    public Task ScaleToAsync(int nodes, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_fleet is null)
            {
                return Task.CompletedTask;
            }

            int alive = _fleet.Boards.Count(b => b.Alive);
            for (int i = _fleet.Boards.Count + 1; alive < nodes; i++, alive++)
            {
                _fleet.Add(SimFleet.NodeId(i)).Start();
            }

            // Only boards the autoscaler added are stopped again; the first ones stay so the demo stays readable.
            foreach (var extra in _fleet.Boards.Skip(Boards).Where(b => b.Alive).Reverse().Take(Math.Max(0, alive - Math.Max(nodes, Boards))))
            {
                // A scale-in is planned: the board says so, and the gateway moves its flows without counting a failure.
                extra.Stop();
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>Chaos from the REST API; null when the node does not exist.</summary>
    public string? Apply(string node, string action)
    {
        lock (_gate)
        {
            if (_fleet is null || !_fleet.Boards.Any(b => b.Id == node) || !ChaosScript.Verbs.Contains(action))
            {
                return null;
            }

            return ChaosScript.Apply(_fleet, action + " " + node);
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _fleet?.Dispose();
            _fleet = null;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo fleet: {Boards} simulated boards, {Flows} flows")]
    private static partial void LogFleet(ILogger logger, int boards, int flows);
}
