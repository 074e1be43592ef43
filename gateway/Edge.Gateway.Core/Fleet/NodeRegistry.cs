using System.Collections.Concurrent;

namespace Edge.Gateway.Core.Fleet;

/// <summary>
/// The one registry of nodes and their sessions. Sessions only move forward: a Last Will or birth from an older
/// session (the broker can deliver it after the node already reconnected) never overrides a newer one, the rule
/// Sparkplug's bdSeq exists for. One writer, the fleet loop; anyone may read (ingest checks every data batch's
/// session here), and a reader always gets a whole record.
/// </summary>
internal sealed class NodeRegistry(int maxNodes = int.MaxValue)
{
    private readonly ConcurrentDictionary<string, NodeRecord> _nodes = new(StringComparer.Ordinal);
    private readonly LiveNodeSet _live = new();

    public int Count => _nodes.Count;

    /// <summary>True when <paramref name="node"/> is new and the registry already holds its maximum: its birth is refused.</summary>
    public bool IsFullFor(string node) => _nodes.Count >= maxNodes && !_nodes.ContainsKey(node);

    public SessionUpdate Birth(string node, NodeBirth birth, long nowMs)
    {
        if ((_nodes.TryGetValue(node, out NodeRecord? known) && birth.Session < known.Session)
            || !SessionBound.Allows(known?.Session, birth.Session, nowMs) || IsFullFor(node))
        {
            return SessionUpdate.Stale;
        }

        Put(new NodeRecord
        {
            Node = node,
            Session = birth.Session,
            Online = true,
            Live = true,
            JoinedMs = nowMs,
            LastSeenMs = nowMs,
            HeartbeatMs = birth.HeartbeatMs,
            MaxFlows = birth.MaxFlows,
            Sources = birth.Sources,
            BufferCapacity = birth.BufferCapacity,
            LastDeathMs = known?.LastDeathMs,
            LastRebirthMs = known?.LastRebirthMs,
            Quarantine = known?.Quarantine,
            QuarantinedMs = known?.QuarantinedMs,
        });
        return SessionUpdate.Applied;
    }

    public SessionUpdate State(string node, bool online, long session, long nowMs)
    {
        if (!_nodes.TryGetValue(node, out NodeRecord? known))
        {
            return SessionUpdate.Unknown;
        }

        if (session < known.Session || !SessionBound.Allows(known.Session, session, nowMs))
        {
            return SessionUpdate.Stale;
        }

        Put(known with { Session = session, Online = online, LastSeenMs = nowMs });
        return SessionUpdate.Applied;
    }

    public SessionUpdate Telemetry(string node, NodeTelemetry t, long nowMs)
    {
        if (!_nodes.TryGetValue(node, out NodeRecord? known))
        {
            return SessionUpdate.Unknown;
        }

        if (t.Session != known.Session)
        {
            return SessionUpdate.Stale;
        }

        Put(known with
        {
            LastSeenMs = nowMs,
            BufferFill = t.BufferFill,
            BufferCapacity = t.BufferCapacity,
            Rate = t.Rate,
            Forecast = t.Forecast,
            Unacked = t.Unacked,
            PreExpanded = t.PreExpanded,
            Alarm = t.Alarm,
            Dropped = t.Dropped,
            ModelDropped = t.ModelDropped,
            ReactiveDropped = t.ReactiveDropped,
            Lanes = t.Lanes ?? [],
        });
        return SessionUpdate.Applied;
    }

    /// <summary>
    /// Takes the node out of placement (Will, suspicion, or a planned stop); false when it was not live. A planned
    /// stop is no death: it does not count towards the flap hold-down.
    /// </summary>
    public bool DeclareDead(string node, long nowMs, bool planned = false)
    {
        if (!_nodes.TryGetValue(node, out NodeRecord? known) || !known.Live)
        {
            return false;
        }

        Put(known with { Live = false, DeadSession = known.Session, LastDeathMs = planned ? known.LastDeathMs : nowMs });
        return true;
    }

    /// <summary>Quarantines the node (see <see cref="NodeRecord.Quarantine"/>); false when unknown or already quarantined.</summary>
    public bool Quarantine(string node, string reason, long nowMs)
    {
        if (!_nodes.TryGetValue(node, out NodeRecord? known) || known.Quarantined)
        {
            return false;
        }

        Put(known with { Quarantine = reason, QuarantinedMs = nowMs });
        return true;
    }

    /// <summary>An operator lifts the node's quarantine; false when it was not quarantined.</summary>
    public bool Lift(string node)
    {
        if (!_nodes.TryGetValue(node, out NodeRecord? known) || !known.Quarantined)
        {
            return false;
        }

        Put(known with { Quarantine = null, QuarantinedMs = null });
        return true;
    }

    public void RebirthRequested(string node, long nowMs)
    {
        if (_nodes.TryGetValue(node, out NodeRecord? known))
        {
            Put(known with { LastRebirthMs = nowMs });
        }
    }

    /// <summary>Applied when data from this node and session may be ingested; Unknown for no live session, Stale for another session.</summary>
    public SessionUpdate CheckData(string node, long session)
    {
        if (!_nodes.TryGetValue(node, out NodeRecord? known) || !known.Online)
        {
            return SessionUpdate.Unknown;
        }

        return session == known.Session ? SessionUpdate.Applied : SessionUpdate.Stale;
    }

    public NodeRecord? Get(string node) => _nodes.GetValueOrDefault(node);

    /// <summary>Every known node, in id order.</summary>
    public IReadOnlyList<NodeRecord> All() => [.. _nodes.Values.OrderBy(n => n.Node, StringComparer.Ordinal)];

    /// <summary>Nodes the supervisor may give flows to, in id order: the fleet loop's own view, kept as records change.</summary>
    public LiveNodeSet LiveNodes() => _live;

    /// <summary>
    /// Forgets nodes that are not live, were last heard before <paramref name="beforeMs"/> and for which
    /// <paramref name="keep"/> says no (they own a flow); returns the ids forgotten.
    /// </summary>
    public List<string> Evict(long beforeMs, Func<string, bool> keep)
    {
        var evicted = new List<string>();
        foreach (NodeRecord record in _nodes.Values)
        {
            if (!record.Live && record.LastSeenMs < beforeMs && !keep(record.Node) && _nodes.TryRemove(record.Node, out _))
            {
                evicted.Add(record.Node);
            }
        }

        return evicted;
    }

    private void Put(NodeRecord record)
    {
        _nodes[record.Node] = record;
        _live.Put(record);
    }
}
