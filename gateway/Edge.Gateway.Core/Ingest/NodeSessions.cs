using Edge.Protocol;

namespace Edge.Gateway.Core.Ingest;

/// <summary>
/// Node liveness keyed by the protocol's session number. Sessions only move forward: a Last Will or birth from
/// an older session (the broker can deliver it after the node already reconnected) never overrides a newer one,
/// the rule Sparkplug's bdSeq exists for.
/// </summary>
internal sealed class NodeSessions
{
    private readonly Dictionary<string, NodeSession> _nodes = new(StringComparer.Ordinal);

    public SessionUpdate OnBirth(string node, BirthMessage birth, long nowMs)
    {
        lock (_nodes)
        {
            if (_nodes.TryGetValue(node, out NodeSession? known) && birth.Session < known.Session)
            {
                return SessionUpdate.Stale;
            }

            _nodes[node] = new NodeSession
            {
                Node = node,
                Session = birth.Session,
                Online = true,
                LastSeenMs = nowMs,
                HeartbeatMs = birth.HeartbeatMs,
                BufferCapacity = birth.BufferCapacity,
            };
            return SessionUpdate.Applied;
        }
    }

    public SessionUpdate OnState(string node, NodeStateMessage state, long nowMs)
    {
        lock (_nodes)
        {
            if (!_nodes.TryGetValue(node, out NodeSession? known))
            {
                return SessionUpdate.Unknown;
            }

            if (state.Session < known.Session)
            {
                return SessionUpdate.Stale;
            }

            _nodes[node] = known with { Session = state.Session, Online = state.Online, LastSeenMs = nowMs };
            return SessionUpdate.Applied;
        }
    }

    public SessionUpdate OnTelemetry(string node, TelemetryMessage t, long nowMs)
    {
        lock (_nodes)
        {
            if (!_nodes.TryGetValue(node, out NodeSession? known))
            {
                return SessionUpdate.Unknown;
            }

            if (t.Session != known.Session)
            {
                return SessionUpdate.Stale;
            }

            _nodes[node] = known with
            {
                LastSeenMs = nowMs,
                BufferFill = t.BufferFill,
                BufferCapacity = t.BufferCapacity,
                Rate = t.Rate,
                Forecast = t.Forecast,
                Unacked = t.Unacked,
            };
            return SessionUpdate.Applied;
        }
    }

    /// <summary>Null when data from this node and session may be ingested, else the rejection reason.</summary>
    public string? CheckData(string node, long session, long nowMs)
    {
        lock (_nodes)
        {
            if (!_nodes.TryGetValue(node, out NodeSession? known) || !known.Online)
            {
                return RejectReasons.NoSession;
            }

            if (session != known.Session)
            {
                return RejectReasons.StaleSession;
            }

            _nodes[node] = known with { LastSeenMs = nowMs };
            return null;
        }
    }

    public NodeSession? Get(string node)
    {
        lock (_nodes)
        {
            return _nodes.GetValueOrDefault(node);
        }
    }

    public IReadOnlyList<NodeSession> Snapshot()
    {
        lock (_nodes)
        {
            return _nodes.Values.OrderBy(n => n.Node, StringComparer.Ordinal).ToList();
        }
    }
}
