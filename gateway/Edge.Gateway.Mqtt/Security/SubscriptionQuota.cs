using System.Collections;
using System.Collections.Concurrent;

namespace Edge.Gateway.Mqtt.Security;

/// <summary>
/// The distinct filters one session holds, kept in its MQTTnet session items so that it lives and dies with the
/// session (a resumed session keeps its subscriptions, and this with them). Each distinct filter is something the
/// broker remembers for the client, and the ACL alone does not bound them: a node may read node/{id}/+ and so
/// subscribe to node/{id}/a, node/{id}/b, ... without end. A client's SUBSCRIBEs are handled one after another on
/// its connection; the lock is for a takeover, when two connections briefly share the session.
/// </summary>
internal sealed class SubscriptionQuota
{
    public const string SessionKey = "edge.subscriptions";

    private readonly HashSet<string> _filters = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <summary>The session's quota, made at its first subscription (MQTTnet's session items are a concurrent dictionary).</summary>
    public static SubscriptionQuota Of(IDictionary sessionItems) => sessionItems is ConcurrentDictionary<object, object> items
        ? (SubscriptionQuota)items.GetOrAdd(SessionKey, static _ => new SubscriptionQuota())
        : sessionItems[SessionKey] as SubscriptionQuota ?? (SubscriptionQuota)(sessionItems[SessionKey] = new SubscriptionQuota());

    /// <summary>True when the filter is held already (a subscription replaced) or there is room for it, which it then takes.</summary>
    public bool TryTake(string filter, int limit)
    {
        lock (_gate)
        {
            return _filters.Contains(filter) || (_filters.Count < limit && _filters.Add(filter));
        }
    }

    public void Release(string filter)
    {
        lock (_gate)
        {
            _filters.Remove(filter);
        }
    }
}
