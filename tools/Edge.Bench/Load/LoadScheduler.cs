using System.Collections.Concurrent;
using System.Diagnostics;
using Edge.Protocol;
using HdrHistogram;

namespace Edge.Bench.Load;

/// <summary>
/// The load generator's one timing thread: every node's heartbeat (the next one a period after the last was
/// sent, as the node agent does) and, when paced, each node's batch credits. Everything else (data sent when
/// the window has room, acks) happens on the connections' receive loops, so a generator of ten thousand nodes
/// runs on this thread and the thread pool's I/O completions. How late it sends heartbeats is measured, so a
/// slow generator is told apart from a slow gateway.
/// </summary>
internal sealed class LoadScheduler : IDisposable
{
    private readonly ConcurrentQueue<Action<long>> _requests = new();
    private readonly PriorityQueue<Due, long> _due = new();
    private readonly long _heartbeatTicks;
    private readonly Thread _thread;
    private readonly TelemetryMessage _telemetry = new();
    private readonly JsonWriter _writer = new(1024);
    private readonly Lock _latenessGate = new();
    private readonly LongHistogram _lateness = new(3_600_000_000L, 3);
    private volatile bool _stop;
    private long _creditTicks;
    private long _failures;
    private int _generation;

    public LoadScheduler(long heartbeatMs)
    {
        _heartbeatTicks = heartbeatMs * Stopwatch.Frequency / 1000;
        _thread = new Thread(Run) { IsBackground = true, Name = "load-scheduler" };
        _thread.Start();
    }

    /// <summary>Puts a node on the schedule; it heartbeats once born (<see cref="LoadNode.Beating"/>).</summary>
    public void Add(LoadNode node) =>
        // At a random phase within one period: a fleet put on the schedule together must not beat in one wave.
        _requests.Enqueue(now => _due.Enqueue(new Due(node, Credit: false, 0), now + Random.Shared.NextInt64(_heartbeatTicks)));

    /// <summary>
    /// Paces <paramref name="nodes"/> at <paramref name="batchesPerSecond"/> in all, evenly: each node gets a credit
    /// every nodes/rate seconds, the nodes' phases spread over that interval.
    /// </summary>
    public void Pace(IReadOnlyList<LoadNode> nodes, double batchesPerSecond)
    {
        long every = (long)(nodes.Count / batchesPerSecond * Stopwatch.Frequency);
        _requests.Enqueue(now =>
        {
            _generation++;
            _creditTicks = Math.Max(1, every);
            for (int i = 0; i < nodes.Count; i++)
            {
                _due.Enqueue(new Due(nodes[i], Credit: true, _generation), now + (_creditTicks * i / nodes.Count));
            }
        });
    }

    /// <summary>Stops granting credits (pending ones are dropped with their generation).</summary>
    public void Unpace() => _requests.Enqueue(_ => _generation++);

    /// <summary>Heartbeats that failed to go out (a connection closing under them).</summary>
    public long Failures => Interlocked.Read(ref _failures);

    /// <summary>How late heartbeats were sent, in ms, since the last reset.</summary>
    public (double P99Ms, double MaxMs) HeartbeatLateness()
    {
        lock (_latenessGate)
        {
            return _lateness.TotalCount == 0 ? (0, 0) : (_lateness.GetValueAtPercentile(99) / 1000.0, _lateness.GetMaxValue() / 1000.0);
        }
    }

    public void ResetLateness()
    {
        lock (_latenessGate)
        {
            _lateness.Reset();
        }
    }

    public void Dispose()
    {
        _stop = true;
        _thread.Join();
    }

    private void Run()
    {
        while (!_stop)
        {
            long now = Stopwatch.GetTimestamp();
            while (_requests.TryDequeue(out Action<long>? request))
            {
                request(now);
            }

            while (_due.TryPeek(out Due due, out long at) && at <= now)
            {
                _due.Dequeue();
                if (due.Credit)
                {
                    if (due.Generation == _generation)
                    {
                        due.Node.Grant(at);
                        _due.Enqueue(due, at + _creditTicks);
                    }
                }
                else
                {
                    // A node not yet born, or between connections (a rebirth), skips the beat but stays on the schedule.
                    if (due.Node.Beating)
                    {
                        Late(now - at);
                        try
                        {
                            due.Node.Heartbeat(_telemetry, _writer);
                        }
                        catch (Exception e) when (e is not OutOfMemoryException)
                        {
                            // One node's failure must not stop the timing thread of all the others.
                            Interlocked.Increment(ref _failures);
                        }
                    }

                    _due.Enqueue(due, Stopwatch.GetTimestamp() + _heartbeatTicks);
                }

                now = Stopwatch.GetTimestamp();
            }

            if (!_due.TryPeek(out _, out long next) || next - Stopwatch.GetTimestamp() > Stopwatch.Frequency / 2000)
            {
                Thread.Sleep(1);
            }
        }
    }

    private void Late(long ticks)
    {
        long micros = Math.Clamp(ticks * 1_000_000 / Stopwatch.Frequency, 0, 3_600_000_000L);
        lock (_latenessGate)
        {
            _lateness.RecordValue(micros);
        }
    }

    private readonly record struct Due(LoadNode Node, bool Credit, int Generation);
}
