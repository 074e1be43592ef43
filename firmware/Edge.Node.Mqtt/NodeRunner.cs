using Edge.Node.Core.Agent;

namespace Edge.Node.Mqtt;

/// <summary>
/// Runs one node agent on its own thread: each tick hands queued messages to the agent, lets the feed record
/// samples, and advances the agent to the current time. Everything the agent sees happens on this thread.
/// </summary>
public sealed class NodeRunner : IDisposable
{
    private readonly NodeAgent _agent;
    private readonly MqttNetTransport _transport;
    private readonly ISampleFeed _feed;
    private readonly TimeProvider _clock;
    private readonly TimeSpan _tick;
    private readonly Thread _thread;
    private readonly Lock _gate = new();
    private volatile bool _running;

    public NodeRunner(NodeAgent agent, MqttNetTransport transport, ISampleFeed feed, TimeProvider clock, TimeSpan tick)
    {
        _agent = agent;
        _transport = transport;
        _feed = feed;
        _clock = clock;
        _tick = tick;
        _thread = new Thread(Loop) { IsBackground = true, Name = "edge-node-" + agent.Settings.Node };
    }

    public NodeAgent Agent => _agent;

    public void Start()
    {
        _running = true;
        _thread.Start();
    }

    /// <summary>Runs <paramref name="action"/> on the agent's state between ticks (for status reads and tests).</summary>
    public T Inspect<T>(Func<NodeAgent, T> action)
    {
        lock (_gate)
        {
            return action(_agent);
        }
    }

    /// <summary>Stops the loop; with <paramref name="clean"/> the agent says offline and disconnects first.</summary>
    public void Stop(bool clean)
    {
        if (!_running)
        {
            return;
        }

        _running = false;
        _thread.Join();
        if (clean)
        {
            _agent.Stop(_clock.GetUtcNow().ToUnixTimeMilliseconds());
        }
    }

    public void Dispose()
    {
        Stop(clean: true);
        _transport.Dispose();
    }

    private void Loop()
    {
        while (_running)
        {
            lock (_gate)
            {
                long now = _clock.GetUtcNow().ToUnixTimeMilliseconds();
                while (_transport.TryReceive(out string topic, out byte[] payload))
                {
                    _agent.Receive(topic, payload, payload.Length, now);
                }

                _feed.Feed(_agent, now);
                _agent.Tick(now);
            }

            Thread.Sleep(_tick);
        }
    }
}
