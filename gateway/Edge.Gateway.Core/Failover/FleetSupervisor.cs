using Edge.Gateway.Core.Balancing;
using Edge.Gateway.Core.Hosting;
using Edge.Gateway.Core.Ingest;
using Edge.Protocol;

namespace Edge.Gateway.Core.Failover;

/// <summary>
/// Decides who serves which flow and reacts to failure. A death (the node's Will, or the phi detector's
/// suspicion) reassigns its flows at once from their committed sequence; a join or a load change moves flows
/// only at the periodic rebalance, in two phases (unassign, let the old owner flush, then name the new owner).
/// Called from the ingest loop and the tick loop; state is guarded by one lock, messages are published after it.
/// </summary>
internal sealed partial class FleetSupervisor(
    SupervisorOptions options, GatewayOptions gateway, FlowSequences sequences, PhiAccrualFailureDetector detector,
    IFlowBalancer balancer, IMessagePublisher publisher, GatewayEvents events, TimeProvider clock, IScaleActuator? actuator = null)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<int, FlowOwner> _owners = [];
    private readonly Dictionary<string, LiveNode> _live = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _deadSession = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _lastDeathMs = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _lastRebirthMs = new(StringComparer.Ordinal);
    private readonly Dictionary<int, (long Count, long AtMs)> _rates = [];
    private readonly Dictionary<int, double> _load = [];
    private readonly List<PlannedMove> _moves = [];
    private readonly Dictionary<string, (byte[] Payload, bool Retain)> _unsent = new(StringComparer.Ordinal);
    private readonly AutoscalePlanner _autoscale = new(options.Autoscale, options.NodeCapacity);
    private long _epoch;
    private long _nextRebalanceMs;
    private long _placeAfterMs = long.MaxValue;
    private int _actuated;

    public long Failovers { get; private set; }

    public long Reassignments { get; private set; }

    public long VoluntaryMoves { get; private set; }

    public long Rebalances { get; private set; }

    public long PublishFailures { get; private set; }

    public int RecommendedNodes => _autoscale.Recommended;

    public double ForecastLoad { get; private set; }

    public string BalancerName => balancer.Name;

    public IReadOnlyList<FlowOwner> Owners
    {
        get
        {
            lock (_gate)
            {
                return [.. _owners.Values.OrderBy(o => o.Flow)];
            }
        }
    }

    public IReadOnlyList<LiveNode> LiveNodes
    {
        get
        {
            lock (_gate)
            {
                return [.. _live.Values.OrderBy(n => n.Node, StringComparer.Ordinal)];
            }
        }
    }

    /// <summary>Suspicion level of a live node (0 for a node not watched).</summary>
    public double Phi(string node) => detector.Phi(node, Now);

    public double Threshold => options.Phi.Threshold;

    public double FleetCapacity
    {
        get
        {
            lock (_gate)
            {
                return _live.Count * options.NodeCapacity;
            }
        }
    }

    public Task OnBirthAsync(string node, long session, long heartbeatMs, int maxFlows, CancellationToken cancellationToken)
    {
        var outbox = new List<(string, byte[], bool)>();
        lock (_gate)
        {
            long now = Now;
            _live[node] = new LiveNode(node, session, now, maxFlows);
            _placeAfterMs = Math.Min(_placeAfterMs, now + (long)options.StartupGrace.TotalMilliseconds);
            _deadSession.Remove(node);
            detector.Watch(node, heartbeatMs, now);
            PlaceOrphans(now, outbox);
        }

        return PublishAsync(outbox, cancellationToken);
    }

    /// <summary>The node's Will (for its current session) or a suspicion: its flows move now.</summary>
    public Task OnDeathAsync(string node, string why, CancellationToken cancellationToken)
    {
        var outbox = new List<(string, byte[], bool)>();
        lock (_gate)
        {
            DeclareDead(node, why, Now, outbox);
        }

        return PublishAsync(outbox, cancellationToken);
    }

    /// <summary>Called for every inbound topic as it arrives; telemetry is a heartbeat of the node it names.</summary>
    public void HeartbeatArrived(string topic)
    {
        if (!topic.EndsWith("/" + Topics.Telemetry, StringComparison.Ordinal))
        {
            return;
        }

        int end = topic.Length - Topics.Telemetry.Length - 1;
        int start = topic.LastIndexOf('/', end - 1) + 1;
        string node = topic[start..end];
        lock (_gate)
        {
            if (_live.ContainsKey(node))
            {
                detector.Heartbeat(node, Now);
            }
        }
    }

    public Task OnTelemetryAsync(string node, TelemetryMessage telemetry, CancellationToken cancellationToken)
    {
        var outbox = new List<(string, byte[], bool)>();
        lock (_gate)
        {
            long now = Now;
            if (_live.TryGetValue(node, out LiveNode? live) && live.Session == telemetry.Session)
            {
                double headroom = telemetry.BufferCapacity <= 0 ? 1 : 1 - ((double)telemetry.BufferFill / telemetry.BufferCapacity);
                _live[node] = live with
                {
                    Forecast = telemetry.Forecast, Headroom = headroom, PreExpanded = telemetry.PreExpanded, Alarm = telemetry.Alarm, Dropped = telemetry.Dropped,
                };
            }
            else if (_deadSession.TryGetValue(node, out long dead) && dead == telemetry.Session
                && now - _lastRebirthMs.GetValueOrDefault(node, long.MinValue / 2) >= 5000)
            {
                // Declared dead but still talking (a partition healed before the broker noticed): ask it to come
                // back as a new session, so none of its old session's data or assignments linger.
                _lastRebirthMs[node] = now;
                outbox.Add(Command(node, CommandMessage.Rebirth));
                events.Add("rebirth_requested", node, "session " + telemetry.Session);
            }
        }

        return PublishAsync(outbox, cancellationToken);
    }

    public Task TickAsync(CancellationToken cancellationToken)
    {
        var outbox = new List<(string, byte[], bool)>();
        int? scaleTo = null;
        lock (_gate)
        {
            long now = Now;
            TakeUnsent(outbox);
            foreach (string suspect in detector.Suspects(now))
            {
                DeclareDead(suspect, "silent (phi >= " + options.Phi.Threshold + ")", now, outbox);
            }

            CompleteMoves(now, outbox);
            if (now >= _nextRebalanceMs)
            {
                _nextRebalanceMs = now + (long)options.RebalanceEvery.TotalMilliseconds;
                Rebalance(now, outbox);
                int recommended = _autoscale.Evaluate(ForecastLoad, now);
                if (actuator is not null && recommended != _actuated)
                {
                    _actuated = recommended;
                    scaleTo = recommended;
                }
            }
        }

        return TickPublishAsync(outbox, scaleTo, cancellationToken);
    }

    private long Now => clock.GetUtcNow().ToUnixTimeMilliseconds();

    private async Task TickPublishAsync(List<(string, byte[], bool)> outbox, int? scaleTo, CancellationToken cancellationToken)
    {
        await PublishAsync(outbox, cancellationToken).ConfigureAwait(false);
        if (scaleTo is int nodes && actuator is not null)
        {
            await actuator.ScaleToAsync(nodes, cancellationToken).ConfigureAwait(false);
        }
    }

    private void DeclareDead(string node, string why, long now, List<(string, byte[], bool)> outbox)
    {
        if (!_live.Remove(node, out LiveNode? live))
        {
            return;
        }

        detector.Forget(node);
        _deadSession[node] = live.Session;
        _lastDeathMs[node] = now;
        Failovers++;
        events.Add("failover", node, why);
        // A planned move to the dead node is void; one from it has nobody left to flush: place both now.
        _moves.RemoveAll(m => m.Target == node || m.From == node);

        PlaceOrphans(now, outbox);
    }
}
