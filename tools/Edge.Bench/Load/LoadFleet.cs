using System.Diagnostics;
using System.Globalization;

namespace Edge.Bench.Load;

/// <summary>
/// The load generator: many logical nodes in this process, one connection each, one timing thread
/// (<see cref="LoadScheduler"/>) and the receive loops. Connects them (a bounded number at a time, or all at once
/// for a start-up storm), starts and paces their data, drains it, and disconnects cleanly.
/// </summary>
internal sealed class LoadFleet : IAsyncDisposable
{
    private readonly List<LoadNode> _nodes;
    private ConnectGate? _connects;

    public LoadFleet(LoadSettings settings, int nodes, bool withFlows)
    {
        Settings = settings;
        Latency = new LatencyRecorder();
        _nodes = [.. Enumerable.Range(0, nodes).Select(i => new LoadNode(settings, NodeId(i), withFlows ? i : -1, Latency))];
        Scheduler = new LoadScheduler(settings.HeartbeatMs);
    }

    public LoadSettings Settings { get; }

    public IReadOnlyList<LoadNode> Nodes => _nodes;

    public LatencyRecorder Latency { get; }

    public LoadScheduler Scheduler { get; }

    /// <summary>Nodes without an open connection now (never connected, or lost and not yet back).</summary>
    public int Failed => _nodes.Count(n => n.Client is null || n.Client.Closed);

    /// <summary>Nodes with an open connection now.</summary>
    public int Connected => _nodes.Count(n => n.Client is { Closed: false });

    /// <summary>Connections lost (ended by the broker or the network, not by the generator) since the start.</summary>
    public long ConnectionsLost => _nodes.Sum(n => (long)n.ConnectionsLost);

    /// <summary>Lost connections and rebirths opened again.</summary>
    public long Reconnects => _nodes.Sum(n => (long)n.Reconnects);

    /// <summary>Connection attempts that failed (refused, timed out, or lost before subscribed) and were retried.</summary>
    public long ConnectFailures => _nodes.Sum(n => (long)n.ConnectFailures);

    public long Rebirths => _nodes.Sum(n => (long)n.Rebirths);

    public long SamplesConfirmed => _nodes.Sum(n => n.SamplesConfirmed);

    public long BatchesSent => _nodes.Sum(n => n.BatchesSent);

    public long InFlight => _nodes.Sum(n => (long)n.InFlight);

    public long SendErrors => _nodes.Sum(n => n.SendErrors);

    public long BatchesResent => _nodes.Sum(n => n.BatchesResent);

    public long HeartbeatsSent => _nodes.Sum(n => n.HeartbeatsSent);

    public int Running => _nodes.Count(n => n.Running);

    /// <summary>What the nodes that do not run lack: a primary gateway's state, their flow's owner (a node may lack both).</summary>
    public string Lacking() =>
        _nodes.Count(n => !n.HasGateway) + " without a primary gateway's state, " + _nodes.Count(n => !n.HasOwner) + " without their owner";

    /// <summary>n00000, n00001, ...: node ids sort in creation order.</summary>
    public static string NodeId(int i) => "n" + i.ToString("D5", CultureInfo.InvariantCulture);

    /// <summary>The gateway's flow catalogue for these nodes: flow i pinned to node i, weight 1.</summary>
    public static string PinnedFlows(int nodes) =>
        string.Join(',', Enumerable.Range(0, nodes).Select(i => i.ToString(CultureInfo.InvariantCulture) + ":1:" + NodeId(i)));

    /// <summary>
    /// Connects every node, at most <paramref name="concurrency"/> attempts at a time (the whole fleet at once for a
    /// start-up storm), each attempt limited to <see cref="ConnectGate.AttemptTimeout"/> and retried with the node
    /// agent's back-off until <paramref name="timeout"/>; each is on the heartbeat schedule from the start and beats once born. Returns the
    /// nodes that never got in. The same gate then bounds the reconnections of boards whose connection is lost.
    /// </summary>
    public async Task<int> ConnectAsync(string host, int port, int concurrency, TimeSpan timeout)
    {
        _connects ??= new ConnectGate(concurrency, ConnectGate.DefaultAttemptTimeout);
        using var deadline = new CancellationTokenSource(timeout);
        int failed = 0;
        var connecting = _nodes.Select(async node =>
        {
            try
            {
                if (!Settings.Anchor)
                {
                    Scheduler.Add(node);
                }

                await node.ConnectAsync(host, port, _connects, deadline.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                if (Interlocked.Increment(ref failed) <= 3)
                {
                    Console.Error.WriteLine("  node {0} did not connect: {1}", node.Id, e.Message);
                }
            }
        }).ToList();
        await Task.WhenAll(connecting).ConfigureAwait(false);
        return _nodes.Count(n => n.Client is null);
    }

    /// <summary>Waits until every node may send (gateway online, owner named); false on timeout.</summary>
    public async Task<bool> WaitRunningAsync(TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (Running < _nodes.Count)
        {
            if (clock.Elapsed > timeout)
            {
                return false;
            }

            await Task.Delay(100).ConfigureAwait(false);
        }

        return true;
    }

    /// <summary>Every node keeps its window full.</summary>
    public void Saturate()
    {
        Scheduler.Unpace();
        foreach (LoadNode node in _nodes)
        {
            node.Saturating = true;
            node.Sending = true;
            node.Pump();
        }
    }

    /// <summary>All nodes together send <paramref name="batchesPerSecond"/>, evenly spread.</summary>
    public void Pace(double batchesPerSecond)
    {
        foreach (LoadNode node in _nodes)
        {
            node.Saturating = false;
            node.Sending = true;
        }

        Scheduler.Pace(_nodes, batchesPerSecond);
    }

    /// <summary>Stops new batches and waits until every sent one is confirmed; false on timeout.</summary>
    public async Task<bool> DrainAsync(TimeSpan timeout)
    {
        Scheduler.Unpace();
        foreach (LoadNode node in _nodes)
        {
            node.Sending = false;
        }

        var clock = Stopwatch.StartNew();
        while (InFlight > 0)
        {
            if (clock.Elapsed > timeout)
            {
                return false;
            }

            await Task.Delay(100).ConfigureAwait(false);
        }

        return true;
    }

    public async ValueTask DisposeAsync()
    {
        // First: no lost connection is opened again while the fleet closes.
        _connects?.Stop();
        Scheduler.Dispose();
        foreach (var chunk in _nodes.Where(n => n.Client is not null).Chunk(256))
        {
            await Task.WhenAll(chunk.Select(n => n.Client!.DisposeAsync().AsTask())).ConfigureAwait(false);
        }

        _connects?.Dispose();
        _connects = null;
    }
}
