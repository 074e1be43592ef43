using Edge.Gateway.Core.Detection;
using Edge.Gateway.Core.Events;
using Edge.Gateway.Core.Flows;
using Edge.Gateway.Core.Outbound;
using Edge.Gateway.Core.Ports;
using Edge.Protocol;

namespace Edge.Gateway.Core.Fleet;

/// <summary>
/// Reacts to what nodes say and to silence: applies births, states and telemetry to the registry, feeds the
/// failure detector, declares deaths (the node's Will for its current session, or the detector's suspicion) and
/// hands placement the live nodes; what placement decides goes to the outbox. A node declared dead that keeps
/// talking with the same session is asked to rebirth. Single-threaded by contract: <see cref="FleetLoop"/> is its
/// only caller at run time, tests call it directly on a manual clock. A standby (not the leader) keeps the registry
/// and the detector warm and adopts the leader's owners, but decides nothing: no placement, no rebirth requests.
/// </summary>
internal sealed class FleetSupervisor(
    SupervisorOptions options, NodeRegistry nodes, FlowPlacement placement, PhiAccrualFailureDetector detector, Outbox outbox, GatewayEvents events, string site,
    Leadership? leadership = null, ValueOutliers? outliers = null, ShedReports? shed = null)
{
    private const long RebirthEveryMs = 5000;
    private readonly PlausibilityJudge _plausibility = new(options.Plausibility, options.NodeCapacity, placement.Owned, n => outliers?.Of(n) ?? 0,
        () => shed?.Count ?? 0);
    private readonly long[] _implausible = new long[PlausibilityCounts.Checks.Length];
    private long _nextEvictionMs;
    private readonly AutoscalePlanner _autoscale = new(options.Autoscale, options.NodeCapacity);
    private readonly CorrelatedSilenceGuard _silence = new(options.Silence);
    private readonly List<string> _suspects = [];
    private int _actuated;
    private bool _placementDue;

    public NodeRegistry Nodes => nodes;

    /// <summary>Who may write into each flow (an immutable copy placement publishes): read by ingest.</summary>
    public FlowOwnership Ownership => placement.Ownership;

    /// <summary>Nodes lost (Will or silence) whose flows moved: what an operator alerts on.</summary>
    public long Failovers { get; private set; }

    /// <summary>Nodes that stopped on purpose (a clean exit, a scale-in) whose flows moved: not failures.</summary>
    public long Departures { get; private set; }

    public int RecommendedNodes => _autoscale.Recommended;

    /// <summary>Times most of the fleet went silent at once and its suspicions were held (read from any thread).</summary>
    public long CorrelatedSilences => _silence.Episodes;

    /// <summary>Nodes put in quarantine for failing plausibility checks (an operator lifting one does not lower it).</summary>
    public long Quarantines { get; private set; }

    /// <summary>
    /// Set by the fleet loop: a birth's placement waits until the loop has applied the births queued with it, then
    /// runs once for all of them (<see cref="PlaceDue"/>). A thousand boards powering up together then cost one
    /// placement, not a thousand, and the loop never falls behind the heartbeats it must judge.
    /// </summary>
    public bool DeferPlacement { get; set; }

    public SessionUpdate Birth(NodeBirth birth, long now)
    {
        bool full = nodes.IsFullFor(birth.Node);
        SessionUpdate update = nodes.Birth(birth.Node, birth, now);
        events.Add(update == SessionUpdate.Applied ? "birth" : full ? "node_limit" : "stale_birth", birth.Node, "session " + birth.Session);
        if (update == SessionUpdate.Applied)
        {
            detector.Watch(birth.Node, birth.HeartbeatMs, now);
            if (Leads && DeferPlacement)
            {
                placement.Born(now);
                _placementDue = true;
            }
            else if (Leads)
            {
                outbox.EnqueueAll(placement.NodeBorn(nodes.LiveNodes(), now));
            }
        }

        return update;
    }

    /// <summary>
    /// A node's retained state. An offline state of its current session is its death when it is the Will, or a
    /// departure when the node says it stops on purpose; its flows move either way.
    /// </summary>
    public SessionUpdate State(string node, bool online, long session, long now, bool planned = false)
    {
        SessionUpdate update = nodes.State(node, online, session, now);
        if (!online)
        {
            string kind = planned ? "departure" : "death";
            events.Add(update == SessionUpdate.Applied ? kind : "stale_" + kind, node, "session " + session);
            if (update == SessionUpdate.Applied)
            {
                DeclareDead(node, planned ? "planned stop" : "last will", now, planned);
            }
        }

        return update;
    }

    public void Telemetry(string node, NodeTelemetry telemetry, long now)
    {
        bool applied = nodes.Telemetry(node, telemetry, now) == SessionUpdate.Applied;
        NodeRecord? record = nodes.Get(node);
        if (applied && record is { Live: true })
        {
            Judge(record, telemetry, now);
        }

        if (Leads && record is { Live: false } && record.DeadSession == telemetry.Session
            && now - (record.LastRebirthMs ?? long.MinValue / 2) >= RebirthEveryMs)
        {
            // Declared dead but still talking (a partition healed before the broker noticed): ask it to come back
            // as a new session, so none of its old session's data or assignments linger.
            nodes.RebirthRequested(node, now);
            outbox.Enqueue(OutboundMessage.Command(site, node, new CommandMessage { Command = CommandMessage.Rebirth, Id = now }));
            events.Add("rebirth_requested", node, "session " + telemetry.Session);
        }
    }

    /// <summary>
    /// A retained owner of a flow this gateway does not serve: cleared, so no node keeps (or starts) serving a flow
    /// nobody ingests after the gateway's --flows changed.
    /// </summary>
    public void StaleOwner(int flow)
    {
        outbox.Enqueue(OutboundMessage.ClearOwner(site, flow));
        events.Add("owner_cleared", "-", "flow " + flow + " is not served here (--flows); its retained owner is cleared");
    }

    /// <summary>
    /// An operator lifts a node's quarantine: it may get flows again and its reports count; its plausibility record
    /// starts afresh, so it is quarantined again only after as many failed windows as the first time.
    /// </summary>
    public bool Lift(string node)
    {
        if (!nodes.Lift(node))
        {
            return false;
        }

        _plausibility.Forget(node);
        events.Add("quarantine_lifted", node, "by an operator");
        return true;
    }

    /// <summary>A heartbeat as it reached the gateway (before any queue): the detector's only input.</summary>
    public void Heartbeat(string node, long atMs)
    {
        if (nodes.Get(node) is { Live: true })
        {
            detector.Heartbeat(node, atMs);
        }
    }

    /// <summary>The placement deferred by births (see <see cref="DeferPlacement"/>), if any is due.</summary>
    public void PlaceDue(long now)
    {
        if (_placementDue)
        {
            _placementDue = false;
            outbox.EnqueueAll(placement.PlaceOrphans(nodes.LiveNodes(), now));
        }
    }

    /// <summary>
    /// Suspicions, due moves and the periodic rebalance; returns a new node count for the actuator, if any. While
    /// the gateway could not listen (<paramref name="deaf"/>: its inbound queue was full), silence is nobody's
    /// fault and nobody is suspected: the detector counts silence from now on instead. While most of the fleet is
    /// silent at once, suspicions are held (<see cref="CorrelatedSilenceGuard"/>).
    /// </summary>
    public int? Tick(long now, bool deaf = false)
    {
        if (deaf)
        {
            detector.Excuse(now);
        }
        else
        {
            Judge(now);
        }

        _placementDue = false;
        Evict(now);

        if (!Leads)
        {
            return null;
        }

        outbox.EnqueueAll(placement.Tick(nodes.LiveNodes(), now, out bool rebalanced));
        if (!rebalanced)
        {
            return null;
        }

        int recommended = _autoscale.Evaluate(placement.ForecastLoad, now);
        if (recommended == _actuated)
        {
            return null;
        }

        _actuated = recommended;
        return recommended;
    }

    /// <summary>This gateway just became the leader: the owners it adopted are announced again under its token.</summary>
    public void TakeOver(long now)
    {
        events.Add("leader", site, "token " + (leadership?.Token ?? 0));
        outbox.EnqueueAll(placement.TakeOver(nodes.LiveNodes(), now));
    }

    /// <summary>
    /// A retained assignment seen on the broker. A standby adopts it; the leader re-announces its own when the
    /// retained one comes from an older leader (one that woke up from a pause and published before it knew).
    /// </summary>
    public void Owner(int flow, string node, long epoch, long token, long now)
    {
        if (!Leads)
        {
            placement.Adopt(flow, node, epoch, token, now);
        }
        else if (token < (leadership?.Token ?? 0) && placement.Reannounce(flow, now) is { } repair)
        {
            events.Add("owner_repaired", node, "flow " + flow + " token " + token);
            outbox.Enqueue(repair);
        }
    }

    private bool Leads => leadership is null || leadership.IsLeader;

    private void Judge(long now)
    {
        _suspects.Clear();
        Silence silence = detector.Judge(now, _suspects, options.Silence.UneasyIntervals);
        bool held = _silence.Holds(silence, _suspects.Count, out bool began, out bool ended);
        if (began)
        {
            events.Add("correlated_silence", site, silence.Uneasy + " of " + silence.Judged + " nodes silent at once: suspicions held until the others are heard again");
        }

        if (ended)
        {
            // The stall's last nodes are heard a moment after the rest (a CI run failed two over that answered their
            // rebirth within 10 ms): silence during the episode was nobody's, so each node's counts from now, as after deafness.
            detector.Excuse(now);
            return;
        }

        int declared = 0;
        foreach (string suspect in _suspects)
        {
            if (!held)
            {
                declared++;
                DeclareDead(suspect, "silent (phi >= " + options.Phi.Threshold + ")", now);
            }
            else if (detector.SilentFor(suspect, now) is long silent && _silence.Believed(silent))
            {
                DeclareDead(suspect, "silent for " + silent + " ms while most of the fleet was silent too", now);
            }
        }

        if (declared >= options.Silence.MinNodes)
        {
            // Many deaths in one 50 ms judgement with most of the fleet still heard: a slice went quiet together (a
            // switch, an access point, or a stalled load generator's share). One line says so, beside the failovers.
            events.Add("mass_suspicion", site, declared + " nodes declared dead in one judgement; " + silence.Uneasy + " of " + silence.Judged
                + " nodes had missed a heartbeat (a hold needs half)");
        }
    }

    private void Evict(long now)
    {
        // A minute's delay in forgetting costs nothing; a scan of every node at each 50 ms tick would. (A shorter
        // retention, as tests set, is checked as often as it is long.)
        if (now < _nextEvictionMs)
        {
            return;
        }

        _nextEvictionMs = now + Math.Min(60_000, (long)options.NodeRetention.TotalMilliseconds);
        HashSet<string> owners = [.. placement.Owners.Select(o => o.Node)];
        foreach (string node in nodes.Evict(now - (long)options.NodeRetention.TotalMilliseconds, owners.Contains))
        {
            detector.Forget(node);
            _plausibility.Forget(node);
            outliers?.Forget(node);
            events.Add("forgotten", node, "dead or gone for " + options.NodeRetention.TotalMinutes + " min");
        }
    }

    public FleetSnapshot Snapshot(long now)
    {
        IReadOnlyList<NodeRecord> all = nodes.All();
        var views = all.Select(n => new FleetNode(n, n.Live ? detector.Phi(n.Node, now) : 0)).ToList();
        int live = all.Count(n => n.Live);
        return new FleetSnapshot(
            now, views, placement.Owners, _autoscale.Recommended, live, placement.ForecastLoad, live * options.NodeCapacity,
            Failovers, Departures, placement.Stalls, placement.Reassignments, placement.VoluntaryMoves, placement.BalancerName, options.Phi.Threshold)
        {
            Quarantines = Quarantines,
            Implausible = new PlausibilityCounts([.. _implausible]),
        };
    }

    private void Judge(NodeRecord record, NodeTelemetry telemetry, long now)
    {
        if (_plausibility.Telemetry(record, telemetry, now) is not { Failed: not PlausibilityChecks.None } result)
        {
            return;
        }

        for (int i = 0; i < PlausibilityCounts.Checks.Length; i++)
        {
            if (result.Failed.HasFlag(PlausibilityCounts.Checks[i]))
            {
                _implausible[i]++;
            }
        }

        string what = result.Failed.ToString().ToLowerInvariant();
        events.Add("implausible", record.Node, what + " (" + result.Strikes + " in a row): " + result.Detail);
        if (result.Strikes >= options.Plausibility.Strikes && nodes.Quarantine(record.Node, what, now))
        {
            Quarantines++;
            events.Add("quarantine", record.Node, what + " failed " + result.Strikes + " windows in a row; no new flows, its forecasts ignored until an operator lifts it");
        }
    }

    private void DeclareDead(string node, string why, long now, bool planned = false)
    {
        if (!nodes.DeclareDead(node, now, planned))
        {
            return;
        }

        detector.Forget(node);
        if (!Leads)
        {
            return;
        }

        if (planned)
        {
            Departures++;
        }
        else
        {
            Failovers++;
            events.Add("failover", node, why);
        }

        outbox.EnqueueAll(placement.NodeDied(node, nodes.LiveNodes(), now));
    }
}
