using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace Edge.Gateway.Core.Fleet;

/// <summary>
/// The one owner of the fleet's state (registry, detector, placement, autoscaling): every event reaches the
/// supervisor through this loop's queue, in order, and a 50 ms tick judges silence and completes moves. Births and
/// states are awaited by the ingest loop, so data that follows a birth always finds its session; heartbeats come
/// straight from the MQTT client and are stamped on arrival, so a busy ingest queue never makes a node look silent.
/// Heartbeats have a lane of their own that is emptied before every judgement: however many births queue ahead
/// of a tick, no node is judged on heartbeats the gateway already has. While the gateway cannot listen (its
/// inbound queue is full: <see cref="Deafened"/>) or for as long as it was itself paused (<see cref="Paused"/>),
/// nobody is judged at all. Both queues are bounded: a flood loses
/// heartbeats and load reports (counted), never births.
/// </summary>
internal sealed partial class FleetLoop
{
    public const int QueueCapacity = 65_536;
    public static readonly TimeSpan TickEvery = TimeSpan.FromMilliseconds(50);

    private readonly Channel<FleetInput> _inputs = Channel.CreateBounded<FleetInput>(new BoundedChannelOptions(QueueCapacity)
    {
        SingleReader = true, FullMode = BoundedChannelFullMode.Wait,
    });

    private readonly ConcurrentQueue<(string Node, long AtMs)> _beats = new();
    private readonly FleetSupervisor _supervisor;
    private readonly TimeProvider _clock;
    private readonly IScaleActuator? _actuator;
    private readonly ILogger<FleetLoop> _logger;
    private volatile bool _running;
    private int _tickMissed;
    private long _dropped;
    private int _beatCount;
    private int _deafWriters;
    private int _wasDeaf;
    private long _excusedUntilMs = long.MinValue;
    private long _pauses;

    public FleetLoop(FleetSupervisor supervisor, TimeProvider clock, IScaleActuator? actuator, ILogger<FleetLoop> logger)
    {
        _supervisor = supervisor;
        _clock = clock;
        _actuator = actuator;
        _logger = logger;
        supervisor.DeferPlacement = true;
    }

    /// <summary>Read-only from any thread (one writer: this loop).</summary>
    public NodeRegistry Nodes => _supervisor.Nodes;

    /// <summary>Who may write into each flow; an immutable copy, read by ingest for every batch (one writer: this loop).</summary>
    public FlowOwnership Ownership => _supervisor.Ownership;

    /// <summary>Heartbeats and load reports lost because the queue was full.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    public int QueueDepth => _inputs.Reader.Count + Volatile.Read(ref _beatCount);

    public async Task<SessionUpdate> BirthAsync(NodeBirth birth, CancellationToken cancellationToken)
    {
        var done = new TaskCompletionSource<SessionUpdate>(TaskCreationOptions.RunContinuationsAsynchronously);
        await _inputs.Writer.WriteAsync(new FleetInput.Birth(birth, done), cancellationToken).ConfigureAwait(false);
        return await done.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<SessionUpdate> StateAsync(string node, bool online, long session, bool planned, CancellationToken cancellationToken)
    {
        var done = new TaskCompletionSource<SessionUpdate>(TaskCreationOptions.RunContinuationsAsynchronously);
        await _inputs.Writer.WriteAsync(new FleetInput.State(node, online, session, planned, done), cancellationToken).ConfigureAwait(false);
        return await done.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    public void Telemetry(string node, NodeTelemetry telemetry) => Post(new FleetInput.Telemetry(node, telemetry));

    /// <summary>A heartbeat reached the gateway now; it waits in the heartbeat lane until the loop next judges.</summary>
    public void Heartbeat(string node)
    {
        if (Interlocked.Increment(ref _beatCount) > QueueCapacity)
        {
            Interlocked.Decrement(ref _beatCount);
            Interlocked.Increment(ref _dropped);
            return;
        }

        _beats.Enqueue((node, Now));
    }

    /// <summary>
    /// A message reaching the gateway has to wait for room in the inbound queue: until <see cref="Hearing"/>, the
    /// gateway is not hearing its nodes, and silence is not theirs to answer for.
    /// </summary>
    public void Deafened()
    {
        Interlocked.Increment(ref _deafWriters);
        Volatile.Write(ref _wasDeaf, 1);
    }

    public void Hearing() => Interlocked.Decrement(ref _deafWriters);

    /// <summary>Times most of the fleet went silent at once and suspicions were held.</summary>
    public long CorrelatedSilences => _supervisor.CorrelatedSilences;

    /// <summary>Times the gateway found itself paused (<see cref="Paused"/>).</summary>
    public long Pauses => Interlocked.Read(ref _pauses);

    /// <summary>
    /// The gateway itself ran <paramref name="lateMs"/> late (its thread pool busy, a GC pause): heartbeats that came
    /// meanwhile waited in sockets unstamped, and would be judged late for the gateway's own delay. For as long again
    /// as the pause lasted, nobody is judged (Cassandra's failure detector likewise skips judging after a local pause).
    /// </summary>
    public void Paused(long lateMs)
    {
        Interlocked.Increment(ref _pauses);
        long until = Now + lateMs;
        long seen = Interlocked.Read(ref _excusedUntilMs);
        while (seen < until)
        {
            long was = Interlocked.CompareExchange(ref _excusedUntilMs, until, seen);
            if (was == seen)
            {
                break;
            }

            seen = was;
        }
    }

    public void Owner(int flow, string node, long epoch, long token) => Post(new FleetInput.Owner(flow, node, epoch, token));

    /// <summary>Announces the adopted owners under the new term (directly when the loop is not running).</summary>
    public async Task TakeOverAsync(CancellationToken cancellationToken)
    {
        if (!_running)
        {
            _supervisor.TakeOver(Now);
            return;
        }

        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await _inputs.Writer.WriteAsync(new FleetInput.TakeOver(done), cancellationToken).ConfigureAwait(false);
        await done.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    public void StaleOwner(int flow) => Post(new FleetInput.StaleOwner(flow));

    /// <summary>Lifts a node's quarantine on the loop's thread (directly when the loop is not running); false when it was not quarantined.</summary>
    public async Task<bool> LiftAsync(string node, CancellationToken cancellationToken)
    {
        if (!_running)
        {
            return _supervisor.Lift(node);
        }

        var done = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        await _inputs.Writer.WriteAsync(new FleetInput.Lift(node, done), cancellationToken).ConfigureAwait(false);
        return await done.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The fleet as of now, built on the loop's thread (directly when the loop is not running).</summary>
    public async Task<FleetSnapshot> SnapshotAsync(CancellationToken cancellationToken)
    {
        if (!_running)
        {
            return _supervisor.Snapshot(Now);
        }

        var done = new TaskCompletionSource<FleetSnapshot>(TaskCreationOptions.RunContinuationsAsynchronously);
        await _inputs.Writer.WriteAsync(new FleetInput.Snapshot(done), cancellationToken).ConfigureAwait(false);
        return await done.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Queues one judgement (the 50 ms timer calls this; tests too, to order it against other inputs).</summary>
    public void RequestTick()
    {
        if (!_inputs.Writer.TryWrite(FleetInput.Tick.Instance))
        {
            // The queue is full; the loop ticks as soon as it has drained what is there.
            Interlocked.Exchange(ref _tickMissed, 1);
        }
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        _running = true;
        Task ticks = TickAsync(cancellationToken);
        try
        {
            ChannelReader<FleetInput> reader = _inputs.Reader;
            while (await reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                while (reader.TryRead(out FleetInput? input))
                {
                    await ApplyAsync(input, cancellationToken).ConfigureAwait(false);
                }

                // The births of this burst are in: place their flows once.
                _supervisor.PlaceDue(Now);

                if (Interlocked.Exchange(ref _tickMissed, 0) == 1)
                {
                    await ApplyAsync(FleetInput.Tick.Instance, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        finally
        {
            _running = false;
            await Quietly(ticks).ConfigureAwait(false);
        }
    }

    private long Now => _clock.GetUtcNow().ToUnixTimeMilliseconds();

    private void Post(FleetInput input)
    {
        if (!_inputs.Writer.TryWrite(input))
        {
            Interlocked.Increment(ref _dropped);
        }
    }

    private async Task TickAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(TickEvery, _clock);
        while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
        {
            RequestTick();
        }
    }

    private async Task ApplyAsync(FleetInput input, CancellationToken cancellationToken)
    {
        try
        {
            switch (input)
            {
                case FleetInput.Telemetry t:
                    _supervisor.Telemetry(t.Node, t.Message, Now);
                    break;
                case FleetInput.StaleOwner o:
                    _supervisor.StaleOwner(o.Flow);
                    break;
                case FleetInput.Birth b:
                    b.Done.TrySetResult(_supervisor.Birth(b.Message, Now));
                    break;
                case FleetInput.State s:
                    s.Done.TrySetResult(_supervisor.State(s.Node, s.Online, s.Session, Now, s.Planned));
                    break;
                case FleetInput.Snapshot q:
                    ApplyBeats();
                    q.Done.TrySetResult(_supervisor.Snapshot(Now));
                    break;
                case FleetInput.Owner o:
                    _supervisor.Owner(o.Flow, o.Node, o.Epoch, o.Token, Now);
                    break;
                case FleetInput.TakeOver t:
                    _supervisor.TakeOver(Now);
                    t.Done.TrySetResult();
                    break;
                case FleetInput.Lift l:
                    l.Done.TrySetResult(_supervisor.Lift(l.Node));
                    break;
                case FleetInput.Tick:
                    ApplyBeats();
                    bool deaf = Volatile.Read(ref _deafWriters) > 0 | Interlocked.Exchange(ref _wasDeaf, 0) == 1
                        | Now < Interlocked.Read(ref _excusedUntilMs);
                    if (_supervisor.Tick(Now, deaf) is int nodes && _actuator is not null)
                    {
                        await _actuator.ScaleToAsync(nodes, cancellationToken).ConfigureAwait(false);
                    }

                    break;
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // One bad event must not stop the fleet: its waiter hears of it, the loop goes on.
            Fail(input, e);
            LogFailed(_logger, input.GetType().Name, e);
        }
    }

    private void ApplyBeats()
    {
        while (_beats.TryDequeue(out var beat))
        {
            Interlocked.Decrement(ref _beatCount);
            _supervisor.Heartbeat(beat.Node, beat.AtMs);
        }
    }

    private static void Fail(FleetInput input, Exception e)
    {
        switch (input)
        {
            case FleetInput.Birth b:
                b.Done.TrySetException(e);
                break;
            case FleetInput.State s:
                s.Done.TrySetException(e);
                break;
            case FleetInput.Snapshot q:
                q.Done.TrySetException(e);
                break;
            case FleetInput.TakeOver t:
                t.Done.TrySetException(e);
                break;
            case FleetInput.Lift l:
                l.Done.TrySetException(e);
                break;
        }
    }

    private static async Task Quietly(Task task)
    {
        try
        {
            await task.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The fleet loop failed on a {Input}; it goes on")]
    private static partial void LogFailed(ILogger logger, string input, Exception exception);
}
