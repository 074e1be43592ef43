using Edge.Gateway.Core.Aggregation;
using Edge.Gateway.Core.Events;
using Edge.Gateway.Core.Fleet;
using Edge.Gateway.Core.Flows;
using Edge.Gateway.Core.Ingest;
using Edge.Gateway.Core.Ports;
using Edge.Gateway.Core.Sinks;

using Edge.Gateway.Core.Learning;

namespace Edge.Gateway.Core.Queries;

/// <summary>
/// The read model: every figure the REST API, the dashboard stream and the metrics show is computed here, once,
/// from the loops' published state (the fleet loop's snapshot, the flows' committed positions, the latest
/// rollups). Safe from any thread; nothing here changes state.
/// </summary>
internal sealed class GatewayQueries(
    FleetLoop fleet, FlowRegistry flows, RollupDispatcher rollups, GatewayEvents events, RejectionLog rejections, DeadLetterTable deadLetters,
    Func<QueueDepths> depths, Func<Saturation> saturation, TimeProvider clock, Leadership leadership, Func<LearningState>? learning = null)
{
    public const int DashboardEvents = 60;

    /// <summary>A flow without a closed 1 s window for this long shows a rate of 0 (it stalled or stopped).</summary>
    public const long StalledAfterMs = 10_000;

    public async Task<FleetView> FleetAsync(CancellationToken cancellationToken) => View(await fleet.SnapshotAsync(cancellationToken).ConfigureAwait(false));

    /// <summary>Who leads the site and this gateway's role in it.</summary>
    public LeaderView Leader() => LeaderView.Of(leadership);

    public IReadOnlyList<NodeView> Nodes() =>
        [.. fleet.Nodes.All().Select(n => new NodeView(n.Node, n.Session, n.Online, n.LastSeenMs, n.HeartbeatMs, n.BufferFill, n.BufferCapacity, n.Rate, n.Forecast, n.Unacked))];

    public int NodesOnline() => fleet.Nodes.All().Count(n => n.Online);

    public IReadOnlyList<FlowView> Flows()
    {
        IReadOnlyList<RollupRecord> latest = rollups.Latest(null);
        long nowMs = clock.GetUtcNow().ToUnixTimeMilliseconds();
        return [.. flows.Catalog.All.OrderBy(f => f.Id).Select(def =>
        {
            FlowSequence? seq = flows.Find(def.Id);
            return new FlowView(def.Id, def.Weight, seq?.LastNode, seq?.Committed ?? 0, seq?.CommittedCount ?? 0, seq?.CommittedSum ?? 0,
                seq?.HeldCount ?? 0, Rate(latest, def.Id, nowMs));
        })];
    }

    public FlowView? Flow(int flow) => Flows().FirstOrDefault(f => f.Flow == flow);

    /// <summary>Every flow with state, by id: its next uncommitted sequence (what /metrics exports per flow).</summary>
    public IReadOnlyList<(int Flow, long Committed)> CommittedSequences() => [.. flows.Sequences.Select(f => (f.Flow, f.Committed))];

    public IReadOnlyList<RollupRecord> Rollups(int? flow) => rollups.Latest(flow);

    public IReadOnlyList<GatewayEvent> Events(int limit) => events.Recent(limit);

    public IReadOnlyDictionary<string, long> Rejections() => rejections.Counts;

    public QueueDepths Queues() => depths();

    public Saturation Saturation() => saturation();

    /// <summary>The fleet model's version and each flow's live error (none when learning is off).</summary>
    public LearningState Learning() => learning?.Invoke() ?? LearningState.None;

    public int DeadLetters(string sink) => deadLetters.Count(sink);

    public IReadOnlyList<(string Sink, SinkCircuitState State)> Sinks() => [.. rollups.Pumps.Select(p => (p.Name, p.State))];

    public async Task<DashboardSnapshot> DashboardAsync(int streams, CancellationToken cancellationToken)
    {
        FleetSnapshot snapshot = await fleet.SnapshotAsync(cancellationToken).ConfigureAwait(false);
        FleetView view = View(snapshot);
        Dictionary<int, FlowOwner> owners = view.Owners.ToDictionary(o => o.Flow);
        IReadOnlyList<RollupRecord> latest = rollups.Latest(null);
        long nowMs = clock.GetUtcNow().ToUnixTimeMilliseconds();
        LearningState models = Learning();
        Dictionary<string, NodeRecord> nodes = snapshot.Nodes.ToDictionary(n => n.Record.Node, n => n.Record, StringComparer.Ordinal);
        var rows = flows.Catalog.All.OrderBy(f => f.Id).Select(def =>
        {
            FlowOwner? owner = owners.GetValueOrDefault(def.Id);
            FlowModelState? model = models.Flows.GetValueOrDefault(def.Id);
            return new DashboardFlow(def.Id, def.Weight, owner?.Node ?? "", owner?.Epoch ?? 0, owner?.SinceMs ?? 0,
                flows.Find(def.Id)?.CommittedCount ?? 0, Rate(latest, def.Id, nowMs), models.LiveVersion, model?.LiveLoss, model?.BaselineLoss,
                Lane(def.Id, owner, nodes, nowMs));
        }).ToList();
        RollupRecord? second = latest.FirstOrDefault(r => r.Flow == RollupRecord.Fleet && r.Window == "1s");
        return new DashboardSnapshot(nowMs, view, rows, events.Recent(DashboardEvents), second,
            rejections.Counts.Values.Sum(), streams, saturation().Saturated);
    }

    /// <summary>
    /// The flow as the node that owns it reports it, or null: a node's report counts only for a flow it owns and can
    /// source (any other lane it names is ignored), only while it is live and heard within <see cref="StalledAfterMs"/>,
    /// so a silent node's last figures are not shown as current.
    /// </summary>
    internal static DashboardLane? Lane(int flow, FlowOwner? owner, IReadOnlyDictionary<string, NodeRecord> nodes, long nowMs)
    {
        if (owner is null || owner.Node.Length == 0 || !nodes.TryGetValue(owner.Node, out NodeRecord? node) || !node.Live || !node.Online
            || nowMs - node.LastSeenMs > StalledAfterMs || !node.CanSource(flow))
        {
            return null;
        }

        LaneReport? lane = node.Lanes.FirstOrDefault(l => l.Flow == flow);
        return lane is null ? null : new DashboardLane(node.Node, lane.Rate, lane.Forecast, lane.PreExpanded, lane.Share);
    }

    /// <summary>
    /// Samples per second of a flow: over the last closed 10 s window, which is steadier; until the first one
    /// closes, the last 1 s window. A flow whose last 1 s window closed longer than <see cref="StalledAfterMs"/>
    /// ago commits nothing now, so its rate is 0 rather than the last one seen.
    /// </summary>
    internal static double Rate(IReadOnlyList<RollupRecord> latest, int flow, long nowMs)
    {
        RollupRecord? ten = null;
        RollupRecord? one = null;
        foreach (RollupRecord r in latest)
        {
            if (r.Flow == flow)
            {
                ten = r.Window == "10s" ? r : ten;
                one = r.Window == "1s" ? r : one;
            }
        }

        if (one is null || nowMs - one.EndMs > StalledAfterMs)
        {
            return 0;
        }

        return ten is not null ? ten.Count * 1000.0 / (ten.EndMs - ten.StartMs) : one is not null ? one.Count * 1000.0 / (one.EndMs - one.StartMs) : 0;
    }

    private FleetView View(FleetSnapshot snapshot)
    {
        var nodes = snapshot.Nodes.Select(n =>
        {
            NodeRecord r = n.Record;
            string state = !r.Live || !r.Online ? "dead" : n.Phi >= snapshot.Threshold / 2 ? "suspected" : "online";
            return new FleetNodeView(r.Node, state, r.Session, r.LastSeenMs, r.BufferFill, r.BufferCapacity, r.Forecast, r.PreExpanded, r.Alarm,
                r.Dropped, Math.Round(n.Phi, 2), r.Rate, r.ModelDropped, r.ReactiveDropped)
            {
                Quarantine = r.Quarantine,
            };
        }).ToList();
        return new FleetView(nodes, snapshot.Owners, snapshot.RecommendedNodes, snapshot.LiveNodes, snapshot.ForecastLoad, snapshot.FleetCapacity,
            snapshot.Failovers, snapshot.Balancer, snapshot.Reassignments, snapshot.VoluntaryMoves, snapshot.Departures, snapshot.Stalls, Leader())
        {
            Quarantines = snapshot.Quarantines,
            ImplausibleWindows = PlausibilityCounts.Checks.ToDictionary(c => c.ToString().ToLowerInvariant(), snapshot.Implausible.Of),
        };
    }
}
