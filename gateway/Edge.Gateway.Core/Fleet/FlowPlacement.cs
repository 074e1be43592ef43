using Edge.Gateway.Core.Balancing;
using Edge.Gateway.Core.Events;
using Edge.Gateway.Core.Flows;
using Edge.Gateway.Core.Outbound;
using Edge.Gateway.Core.Ports;
using Edge.Protocol;

namespace Edge.Gateway.Core.Fleet;

/// <summary>
/// Who serves which flow: the owners, the planned moves, the measured flow rates and the balancer call. A
/// synchronous decision core: each step takes the live nodes and the time, and returns the owner messages to
/// send. A death or a birth places orphans at once; voluntary moves happen only at the periodic rebalance, in two
/// phases (unassign, let the old owner flush, then name the new owner). Not thread-safe: the fleet loop owns it.
/// Every assignment carries the leader's fencing token: nodes order assignments by (token, epoch). A standby
/// decides nothing; it adopts the owners the leader publishes, so on taking over it re-announces them as they are.
/// </summary>
internal sealed class FlowPlacement(SupervisorOptions options, string site, FlowRegistry flows, IFlowBalancer balancer, GatewayEvents events,
    Leadership? leadership = null)
{
    private const long ForecastWarmupMs = 10_000;

    private readonly StallDetector _stalls = new(options, flows);

    private readonly Dictionary<int, FlowOwner> _owners = [];
    private readonly List<PlannedMove> _moves = [];
    private readonly Dictionary<int, (long Count, long AtMs)> _rates = [];
    private readonly Dictionary<int, double> _load = [];
    private readonly Dictionary<int, (string Node, long UntilMs)> _former = [];
    private volatile FlowOwnership _ownership = FlowOwnership.Unplaced;
    private bool _enforced;
    private bool _ownersChanged;
    private long _epoch;
    private long _nextRebalanceMs;
    private long _placeAfterMs = long.MaxValue;

    public long Reassignments { get; private set; }

    public long VoluntaryMoves { get; private set; }

    /// <summary>Flows moved because they did not progress on a live owner (see <see cref="StallDetector"/>).</summary>
    public long Stalls => _stalls.Stalls;

    /// <summary>The larger of the flows' measured load and the warm nodes' own forecasts, at the last placement.</summary>
    public double ForecastLoad { get; private set; }

    public string BalancerName => balancer.Name;

    public IReadOnlyList<FlowOwner> Owners => [.. _owners.Values.OrderBy(o => o.Flow)];

    /// <summary>Who may write into each flow: an immutable copy, safe to read from the ingest loop.</summary>
    public FlowOwnership Ownership => _ownership;

    /// <summary>
    /// A standby learns an owner the leader published (retained), so its view is warm and a takeover keeps every
    /// flow where it is. Only assignments at least as new as what it has are taken.
    /// </summary>
    public void Adopt(int flow, string node, long epoch, long token, long now)
    {
        if (_owners.TryGetValue(flow, out FlowOwner? known)
            && (token < known.Token || (token == known.Token && epoch <= known.Epoch)))
        {
            return;
        }

        SetOwner(new FlowOwner(flow, node, epoch, now, token), now);
        _epoch = Math.Max(_epoch, epoch);
        Publish();
    }

    /// <summary>
    /// This gateway just became the leader: every flow whose owner is alive is announced again, unchanged but with
    /// this term's token and the committed sequence as just reloaded; a planned move in flight is finished at once
    /// (the old owner had its flush time); orphans are placed now when the fleet is known, else after the grace.
    /// </summary>
    public List<OutboundMessage> TakeOver(LiveNodeSet live, long now)
    {
        var outbox = new List<OutboundMessage>();
        _moves.Clear();
        _placeAfterMs = live.Count > 0 ? now : now + (long)options.StartupGrace.TotalMilliseconds;
        _nextRebalanceMs = now + (long)options.RebalanceEvery.TotalMilliseconds;
        foreach ((int flow, string node) in LiveOwners(live))
        {
            Assign(flow, node, now, outbox);
        }

        PlaceOrphans(live, now, outbox);
        Publish();
        return outbox;
    }

    /// <summary>The leader's own current assignment of a flow, again (an older leader overwrote the retained one).</summary>
    public OutboundMessage? Reannounce(int flow, long now)
    {
        if (!_owners.TryGetValue(flow, out FlowOwner? owner))
        {
            return null;
        }

        var outbox = new List<OutboundMessage>();
        Assign(flow, owner.Node, now, outbox);
        Publish();
        return outbox[0];
    }

    /// <summary>The flows the node owns now, with their committed samples (what plausibility checks measure).</summary>
    public OwnedFlows Owned(string node)
    {
        int count = 0;
        long newest = 0;
        long committed = 0;
        foreach (FlowOwner owner in _owners.Values)
        {
            if (owner.Node == node)
            {
                count++;
                newest = Math.Max(newest, owner.Epoch);
                committed += flows.Find(owner.Flow)?.CommittedCount ?? 0;
            }
        }

        return new OwnedFlows(count, newest, committed);
    }

    /// <summary>A birth: the first placement waits out the startup grace so the whole fleet's retained births are in.</summary>
    public List<OutboundMessage> NodeBorn(LiveNodeSet live, long now)
    {
        Born(now);
        return PlaceOrphans(live, now);
    }

    /// <summary>A birth whose placement the caller does later (once for many births): only starts the grace.</summary>
    public void Born(long now) => _placeAfterMs = Math.Min(_placeAfterMs, now + (long)options.StartupGrace.TotalMilliseconds);

    /// <summary>Flows with no live owner (and not waiting on a flush) get one now, where they can.</summary>
    public List<OutboundMessage> PlaceOrphans(LiveNodeSet live, long now)
    {
        var outbox = new List<OutboundMessage>();
        PlaceOrphans(live, now, outbox);
        Publish();
        return outbox;
    }

    /// <summary>A death: a planned move to the dead node is void, one from it has nobody left to flush; both are placed now.</summary>
    public List<OutboundMessage> NodeDied(string node, LiveNodeSet live, long now)
    {
        _moves.RemoveAll(m => m.Target == node || m.From == node);
        return PlaceOrphans(live, now);
    }

    /// <summary>Completes due moves, places orphans, and rebalances when due; true in <paramref name="rebalanced"/> when it did.</summary>
    public List<OutboundMessage> Tick(LiveNodeSet live, long now, out bool rebalanced)
    {
        var outbox = new List<OutboundMessage>();
        foreach ((int flow, string node) in _stalls.Check(LiveOwners(live), now))
        {
            // Nothing to flush from a node that produced nothing: the flow is an orphan again, placed below.
            _owners.Remove(flow);
            _former[flow] = (node, now + (long)options.FormerOwnerGrace.TotalMilliseconds);
            _ownersChanged = true;
            events.Add("stall", node, "flow " + flow + " did not progress for " + options.StallAfter.TotalSeconds + " s; moved");
        }

        CompleteMoves(live, now, outbox);
        rebalanced = now >= _nextRebalanceMs;
        if (rebalanced)
        {
            _nextRebalanceMs = now + (long)options.RebalanceEvery.TotalMilliseconds;
            Rebalance(live, now, outbox);
        }

        Publish();
        return outbox;
    }

    private void PlaceOrphans(LiveNodeSet live, long now, List<OutboundMessage> outbox)
    {
        if (live.Count == 0 || now < _placeAfterMs)
        {
            return;
        }

        // From the first placement on, only owners (and former owners, for a while) write new samples.
        _ownersChanged |= !_enforced;
        _enforced = true;

        // Only when some orphan can run on a live node is the balancer asked: a fleet whose pinned flows wait for
        // boards still booting must not pay a whole placement for every birth of another board.
        var current = LiveOwners(live);
        bool placeable = false;
        foreach (FlowDefinition flow in flows.Catalog.All)
        {
            if (!current.ContainsKey(flow.Id) && !Moving(flow.Id) && (flow.EligibleNodes.Count == 0 || flow.EligibleNodes.Any(live.Contains)))
            {
                placeable = true;
                break;
            }
        }

        if (!placeable)
        {
            return;
        }

        var demands = Demands(live, now);
        var orphans = demands.Where(d => !current.ContainsKey(d.Flow) && !Moving(d.Flow)).ToList();

        var placed = Place(demands, current, live, now);
        foreach (var flow in orphans)
        {
            if (placed.TryGetValue(flow.Flow, out string? node))
            {
                Assign(flow.Flow, node, now, outbox);
                Reassignments++;
            }
        }
    }

    /// <summary>Voluntary moves: what the balancer changes among flows whose owner is alive, in two phases.</summary>
    private void Rebalance(LiveNodeSet live, long now, List<OutboundMessage> outbox)
    {
        MeasureRates(now);
        var current = LiveOwners(live);
        var placed = Place(Demands(live, now), current, live, now);
        foreach (var (flow, target) in placed)
        {
            if (current.TryGetValue(flow, out string? owner) && owner != target && !Moving(flow))
            {
                Assign(flow, "", now, outbox);
                _moves.Add(new PlannedMove(flow, owner, target, now + (long)options.HandoverFlush.TotalMilliseconds));
                VoluntaryMoves++;
                events.Add("rebalance", owner, "flow " + flow + " to " + target);
            }
        }

        PlaceOrphans(live, now, outbox);
    }

    private void CompleteMoves(LiveNodeSet live, long now, List<OutboundMessage> outbox)
    {
        foreach (var move in _moves.Where(m => m.DueMs <= now).ToList())
        {
            _moves.Remove(move);
            if (live.Contains(move.Target))
            {
                Assign(move.Flow, move.Target, now, outbox);
            }
        }

        PlaceOrphans(live, now, outbox);
    }

    /// <summary>Balancer placement over nodes out of their flap hold-down (all live nodes when none are).</summary>
    private IReadOnlyDictionary<int, string> Place(IReadOnlyList<FlowDemand> demands, IReadOnlyDictionary<int, string> current, LiveNodeSet live, long now)
    {
        var steady = live.Where(n => !InHoldDown(n, now)).ToList();
        IReadOnlyList<NodeRecord> pool = steady.Count > 0 ? steady : live;
        // A quarantined node's word about its buffer counts for nothing: the balancer sees it full and not expanded.
        var nodes = pool.Select(n => n.Quarantined
            ? new NodeCapacity(n.Node, options.NodeCapacity, 0, false, n.MaxFlows)
            : new NodeCapacity(n.Node, options.NodeCapacity, n.Headroom, n.PreExpanded, n.MaxFlows)).ToList();
        return balancer.Assign(demands, nodes, current);
    }

    private bool InHoldDown(NodeRecord node, long now) =>
        node.LastDeathMs is long died && now - died <= options.FlapWindow.TotalMilliseconds
        && now - node.JoinedMs < options.FlapHoldDown.TotalMilliseconds;

    private Dictionary<int, string> LiveOwners(LiveNodeSet live) =>
        _owners.Values.Where(o => live.Contains(o.Node)).ToDictionary(o => o.Flow, o => o.Node);

    private bool Moving(int flow)
    {
        foreach (PlannedMove move in _moves)
        {
            if (move.Flow == flow)
            {
                return true;
            }
        }

        return false;
    }

    private List<FlowDemand> Demands(LiveNodeSet live, long now)
    {
        var demands = new List<FlowDemand>();
        double total = 0;
        // Only nodes that name their flows can refuse one: the check is per flow over those, not over the fleet.
        List<NodeRecord> partial = [.. live.Where(n => n.Sources.Length > 0 || n.Quarantined)];
        foreach (FlowDefinition flow in flows.Catalog.All)
        {
            double load = flow.Weight * Math.Max(_load.GetValueOrDefault(flow.Id), 1.0);
            NodeRecord? owner = _owners.TryGetValue(flow.Id, out var o) ? live.Find(o.Node) : null;
            bool burst = owner is { Alarm: true, Quarantined: false };
            demands.Add(new FlowDemand(flow.Id, load, burst, flow.EligibleNodes, Unable(flow.Id, owner?.Node, partial)));
            total += load;
        }

        // A node's own forecast is an upper bound that is wide until its predictor has seen some steps; count it
        // once the node has been up a while, so a fleet restart does not ask for nodes it will not need. A
        // quarantined node's forecast is not counted at all: it could otherwise scale the fleet at will.
        double forecasts = live.Where(n => now - n.JoinedMs >= ForecastWarmupMs && !n.Quarantined).Sum(n => n.Forecast);
        ForecastLoad = Math.Max(total, forecasts);
        return demands;
    }

    /// <summary>
    /// Nodes that cannot take the flow: a live node that names its flows and not this one, a node it stalled on
    /// lately, or a quarantined node that does not already own it (<paramref name="partial"/> holds the live nodes
    /// that name their flows or are quarantined).
    /// </summary>
    private HashSet<string>? Unable(int flow, string? owner, List<NodeRecord> partial)
    {
        HashSet<string>? unable = _stalls.ExcludedNodes(flow);
        foreach (NodeRecord node in partial)
        {
            if (!node.CanSource(flow) || (node.Quarantined && node.Node != owner))
            {
                (unable ??= new HashSet<string>(StringComparer.Ordinal)).Add(node.Node);
            }
        }

        return unable;
    }

    private void MeasureRates(long now)
    {
        foreach (FlowDefinition flow in flows.Catalog.All)
        {
            long count = flows.Find(flow.Id)?.CommittedCount ?? 0;
            if (_rates.TryGetValue(flow.Id, out var last) && now > last.AtMs)
            {
                _load[flow.Id] = (count - last.Count) * 1000.0 / (now - last.AtMs);
            }

            _rates[flow.Id] = (count, now);
        }
    }

    /// <summary>
    /// Names the owner of a flow (empty: unassigned) with a fresh epoch. Epochs are at least the wall clock in
    /// ms, so they keep growing across gateway restarts without being stored anywhere; across leaders the token
    /// orders them (a paused old leader's clock-based epochs are larger, its token is not).
    /// </summary>
    private void Assign(int flow, string node, long now, List<OutboundMessage> outbox)
    {
        _epoch = Math.Max(_epoch + 1, now);
        long token = leadership?.Token ?? 0;
        SetOwner(new FlowOwner(flow, node, _epoch, now, token), now);
        var message = new FlowOwnerMessage
        {
            Flow = flow,
            Node = node,
            Epoch = _epoch,
            Token = token,
            ResumeFrom = flows.Find(flow)?.Committed ?? 0,
            Weight = flows.IsConfigured(flow, out var definition) ? definition.Weight : 1.0,
        };
        outbox.Add(OutboundMessage.Owner(site, message));
        if (node.Length > 0)
        {
            events.Add("assign", node, "flow " + flow + " from " + message.ResumeFrom);
        }
    }

    /// <summary>
    /// A flow's new owner. The node it leaves (or, after an unassignment, the node that was flushing) may still
    /// write for <see cref="SupervisorOptions.FormerOwnerGrace"/>: its flush, and batches already on their way.
    /// </summary>
    private void SetOwner(FlowOwner owner, long now)
    {
        if (_owners.TryGetValue(owner.Flow, out FlowOwner? old) && old.Node != owner.Node)
        {
            string? former = old.Node.Length > 0 ? old.Node : _former.TryGetValue(owner.Flow, out var f) ? f.Node : null;
            if (former is not null)
            {
                _former[owner.Flow] = (former, now + (long)options.FormerOwnerGrace.TotalMilliseconds);
            }
        }

        _ownersChanged |= old is null || old.Node != owner.Node;
        _owners[owner.Flow] = owner;
    }

    /// <summary>Hands the ingest loop a new copy of who may write, when anything changed since the last.</summary>
    private void Publish()
    {
        if (!_ownersChanged)
        {
            return;
        }

        _ownersChanged = false;
        var claims = new Dictionary<int, FlowClaim>(_owners.Count);
        foreach (FlowOwner owner in _owners.Values)
        {
            (string Node, long UntilMs) former = _former.GetValueOrDefault(owner.Flow);
            claims[owner.Flow] = new FlowClaim(owner.Node, former.Node, former.UntilMs);
        }

        foreach ((int flow, (string node, long until)) in _former)
        {
            claims.TryAdd(flow, new FlowClaim("", node, until));
        }

        _ownership = new FlowOwnership(claims, _enforced);
    }
}
