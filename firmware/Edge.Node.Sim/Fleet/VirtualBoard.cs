using Edge.Node.Core.Agent;
using Edge.Node.Mqtt;

namespace Edge.Node.Sim.Fleet;

/// <summary>
/// One simulated board: a real MQTT client (its own client id and credentials) behind its own flaky link, the
/// portable node agent, and the fleet's flow sources. Chaos: Kill (socket reset, process gone), Pause/Resume
/// (silent partition), Restart (a fresh process: new session, empty RAM), CorruptNext (next data payload); Stop is
/// the planned shutdown (a scale-in).
/// </summary>
public sealed class VirtualBoard : INodeHost, IDisposable
{
    private readonly AgentSettings _settings;
    private readonly ISampleFeed _feed;
    private readonly TimeProvider _clock;
    private readonly FlakyLink _link;
    private readonly ISessionStore _sessions = new MemorySessionStore(0);
    private NodeRunner? _runner;
    private CorruptingTransport? _corrupter;

    private readonly BrokerTls? _tls;

    /// <summary>With <paramref name="tls"/> the board speaks TLS through its link and checks the broker's certificate.</summary>
    public VirtualBoard(AgentSettings settings, string brokerHost, int brokerPort, ISampleFeed feed, TimeProvider clock, string? password = null, BrokerTls? tls = null)
    {
        Password = password;
        _tls = tls;
        _settings = settings;
        _feed = feed;
        _clock = clock;
        _link = new FlakyLink(brokerHost, brokerPort);
        _settings.Brokers = ["127.0.0.1:" + _link.Port];
    }

    public string Id => _settings.Node;

    /// <summary>Its own password (username = node id), as a provisioned device has; null connects without credentials.</summary>
    public string? Password { get; }

    public bool Alive => _runner is not null;

    public bool Paused => _link.Paused;

    public int Restarts { get; private set; }

    public void Start()
    {
        var transport = new MqttNetTransport(Password is null ? null : Id, Password, tls: _tls);
        _corrupter = new CorruptingTransport(transport);
        var agent = new NodeAgent(_settings, _corrupter, this, _sessions, new Random(Id.GetHashCode(StringComparison.Ordinal)));
        _runner = new NodeRunner(agent, transport, _feed, _clock, TimeSpan.FromMilliseconds(10));
        _runner.Start();
    }

    /// <summary>Reads the agent between ticks; default when the board is down.</summary>
    public T Inspect<T>(Func<NodeAgent, T> read, T whenDown) => _runner is null ? whenDown : _runner.Inspect(read);

    /// <summary>The board dies: its socket is reset (the broker fires the Will) and nothing of it keeps running.</summary>
    public void Kill()
    {
        _runner?.Stop(clean: false);
        _link.Kill();
        _runner?.Dispose();
        _runner = null;
    }

    /// <summary>The board shuts down on purpose: it says offline (planned) and disconnects, so no Will fires.</summary>
    public void Stop()
    {
        _runner?.Dispose();
        _runner = null;
    }

    public void Pause() => _link.Pause();

    public void Resume() => _link.Resume();

    public void Restart()
    {
        Kill();
        _link.Resume();
        Restarts++;
        Start();
    }

    public void CorruptNext() => _corrupter?.CorruptNext();

    public long FreeMemory() => GC.GetGCMemoryInfo().TotalAvailableMemoryBytes - GC.GetTotalMemory(false);

    /// <summary>A virtual board "reboots" by restarting its process on the next tick of the fleet.</summary>
    public bool Reboot()
    {
        RebootRequested = true;
        return true;
    }

    public bool RebootRequested { get; set; }

    public void Dispose()
    {
        if (_runner is not null)
        {
            _runner.Dispose();
            _runner = null;
        }

        _link.Dispose();
    }
}
