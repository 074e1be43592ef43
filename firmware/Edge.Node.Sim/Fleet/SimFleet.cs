using Edge.Node.Core.Agent;

namespace Edge.Node.Sim.Fleet;

/// <summary>
/// N virtual boards in one process, all fed by the same flow sources on one clock. Which board serves which
/// flow is the gateway's decision (retained flow/+/owner messages); the fleet only runs the boards.
/// </summary>
public sealed class SimFleet : IDisposable
{
    private readonly List<VirtualBoard> _boards = [];
    private readonly FleetFeed _feed;
    private readonly FleetOptions _options;
    private readonly TimeProvider _clock;

    public SimFleet(FleetOptions options, IReadOnlyList<IFlowSource> sources, TimeProvider clock)
    {
        _options = options;
        _clock = clock;
        Sources = sources;
        Clock = new FlowClock(clock.GetUtcNow().ToUnixTimeMilliseconds(), options.SamplesPerSecond);
        _feed = new FleetFeed(sources.ToDictionary(s => s.Flow), Clock);
        for (int i = 1; i <= options.Nodes; i++)
        {
            Add(NodeId(i));
        }
    }

    public IReadOnlyList<IFlowSource> Sources { get; }

    public FlowClock Clock { get; }

    public IReadOnlyList<VirtualBoard> Boards => _boards;

    public static string NodeId(int i) => "sim-" + i.ToString("D3", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Adds (and, if the fleet runs, starts) one more board: the autoscaler's actuator uses this.</summary>
    public VirtualBoard Add(string id)
    {
        var settings = new AgentSettings
        {
            Site = _options.Site,
            Node = id,
            Board = "virtual",
            Firmware = "sim-0.1.0",
            Capabilities = "predict",
            HeartbeatMs = _options.HeartbeatMs,
            HeartbeatJitterMs = _options.HeartbeatJitterMs,
            BatchMs = _options.BatchMs,
            KeepAliveSeconds = _options.KeepAliveSeconds,
            BackoffMinMs = 200,
            BackoffMaxMs = 5000,
            MaxFlows = 16,
            Predictor = _options.Predictor,
        };
        settings.Buffer.CeilingBlocks = 256;
        var board = new VirtualBoard(settings, _options.BrokerHost, _options.BrokerPort, _feed, _clock, _options.Password?.Invoke(id), _options.Tls?.For(_options.BrokerHost));
        _boards.Add(board);
        return board;
    }

    public VirtualBoard this[string id] => _boards.First(b => b.Id == id);

    public void Start()
    {
        foreach (var board in _boards.Where(b => !b.Alive))
        {
            board.Start();
        }
    }

    public void Dispose()
    {
        foreach (var board in _boards)
        {
            board.Dispose();
        }

        _boards.Clear();
    }
}
