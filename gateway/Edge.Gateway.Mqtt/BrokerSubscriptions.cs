using System.Collections.Concurrent;
using Edge.Protocol;
using MQTTnet;

namespace Edge.Gateway.Mqtt;

/// <summary>
/// Who listens on the embedded broker, kept from its subscribe events so that the gateway can skip the broker's
/// per-message scan of every session (MQTTnet checks each subscriber session for each message; at a thousand
/// nodes that scan is most of the gateway's CPU). Three kinds of filter:
/// <list type="bullet">
/// <item>a node's own, under <c>node/{its client id}/</c>: what the gateway sends that node goes straight into its
/// session, and its own uplink echoes (which it ignores) need not be forwarded to it;</item>
/// <item>the two every node has, <c>flow/+/owner</c> and <c>gateway/+/state</c>: messages on those topics always go
/// through the broker, to everyone;</item>
/// <item>anything else (a dashboard's <c>#</c>, MQTT Explorer, a node watching another): a watcher. A message a
/// watcher's filter matches goes through the broker as usual, so watchers see exactly what they would otherwise.</item>
/// </list>
/// Written from the broker's event handlers, read on every publish; reads take no lock.
/// </summary>
internal sealed class BrokerSubscriptions(string site)
{
    private readonly Lock _gate = new();
    private readonly string _nodePrefix = Topics.Root + "/" + site + "/node/";
    private readonly string _owners = Topics.AllFlowOwners(site);
    private readonly string _gateways = Topics.AllGatewayStates(site);
    private readonly ConcurrentDictionary<string, string[]> _own = new(StringComparer.Ordinal);
    private readonly string _sitePrefix = Topics.Root + "/" + site + "/";
    private readonly Dictionary<string, List<string>> _watching = new(StringComparer.Ordinal);
    private volatile WatcherIndex _watchers = WatcherIndex.Empty;

    /// <summary>Watcher filters now (a copy, for diagnostics and tests).</summary>
    public IReadOnlyList<string> Watchers => _watchers.All;

    /// <summary>A client (re)connected: whatever it subscribed to before belongs to a session that is gone.</summary>
    public void Connected(string clientId) => Forget(clientId);

    /// <summary>A client left. A session taken over by a new connection keeps what the new connection subscribes.</summary>
    public void Disconnected(string clientId, bool takenOver)
    {
        if (!takenOver)
        {
            Forget(clientId);
        }
    }

    public void Subscribed(string clientId, string filter)
    {
        if (filter == _owners || filter == _gateways)
        {
            return;
        }

        lock (_gate)
        {
            if (IsOwn(clientId, filter))
            {
                string[] own = _own.GetValueOrDefault(clientId, []);
                if (!own.Contains(filter, StringComparer.Ordinal))
                {
                    _own[clientId] = [.. own, filter];
                }

                return;
            }

            if (!_watching.TryGetValue(clientId, out List<string>? filters))
            {
                _watching[clientId] = filters = [];
            }

            if (!filters.Contains(filter, StringComparer.Ordinal))
            {
                filters.Add(filter);
                Publish();
            }
        }
    }

    public void Unsubscribed(string clientId, string filter)
    {
        lock (_gate)
        {
            if (_own.TryGetValue(clientId, out string[]? own))
            {
                string[] left = [.. own.Where(f => f != filter)];
                if (left.Length == 0)
                {
                    _own.TryRemove(clientId, out _);
                }
                else
                {
                    _own[clientId] = left;
                }
            }

            if (_watching.TryGetValue(clientId, out List<string>? filters) && filters.Remove(filter))
            {
                Publish();
            }
        }
    }

    /// <summary>
    /// True when some watcher's filter matches the topic: then the broker must forward it as usual. Only the filters
    /// that could match are compared (a thousand nodes each watching their own flow's owner do not slow a heartbeat).
    /// </summary>
    public bool Watched(string topic)
    {
        WatcherIndex index = _watchers;
        return Any(index.Everywhere, topic) || (index.ByBranch.TryGetValue(Branch(topic), out string[]? filters) && Any(filters, topic));
    }

    /// <summary>True when the client has one of its own filters on this topic: a message for it may go straight to its session.</summary>
    public bool Subscribes(string clientId, string topic)
    {
        if (_own.TryGetValue(clientId, out string[]? own))
        {
            foreach (string filter in own)
            {
                if (MqttTopicFilterComparer.Compare(topic, filter) == MqttTopicFilterCompareResult.IsMatch)
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>Topics every node subscribes to (flow owners, gateway states): always through the broker.</summary>
    public bool EveryNodeListens(string topic) =>
        MqttTopicFilterComparer.Compare(topic, _owners) == MqttTopicFilterCompareResult.IsMatch
        || MqttTopicFilterComparer.Compare(topic, _gateways) == MqttTopicFilterCompareResult.IsMatch;

    /// <summary>node/{clientId}/leaf, /+ or /#: only that node's own topics.</summary>
    private bool IsOwn(string clientId, string filter) =>
        filter.Length > _nodePrefix.Length + clientId.Length + 1
        && filter.StartsWith(_nodePrefix, StringComparison.Ordinal)
        && string.CompareOrdinal(filter, _nodePrefix.Length, clientId, 0, clientId.Length) == 0
        && filter[_nodePrefix.Length + clientId.Length] == '/'
        && filter.IndexOf('/', _nodePrefix.Length + clientId.Length + 1) < 0;

    private void Forget(string clientId)
    {
        lock (_gate)
        {
            _own.TryRemove(clientId, out _);
            if (_watching.Remove(clientId))
            {
                Publish();
            }
        }
    }

    private void Publish() => _watchers = WatcherIndex.Of([.. _watching.Values.SelectMany(f => f).Distinct(StringComparer.Ordinal)], Branch);

    private static bool Any(string[] filters, string topic)
    {
        foreach (string filter in filters)
        {
            if (MqttTopicFilterComparer.Compare(topic, filter) == MqttTopicFilterCompareResult.IsMatch)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Where a topic or filter branches: under this site, its fourth level (node, flow, gateway, rollup); elsewhere its
    /// first level. "" when a wildcard comes first, so the filter can match anywhere.
    /// </summary>
    private string Branch(string topicOrFilter)
    {
        int start = topicOrFilter.StartsWith(_sitePrefix, StringComparison.Ordinal) ? _sitePrefix.Length : 0;
        int end = topicOrFilter.IndexOf('/', start);
        string level = end < 0 ? topicOrFilter[start..] : topicOrFilter[start..end];
        string key = (start > 0 ? "site:" : "top:") + level;
        bool wildcardBefore = start == 0 ? level is "+" or "#" : topicOrFilter.Length == start || level is "+" or "#";
        return wildcardBefore || (start == 0 && level == Topics.Root.Split('/')[0]) ? "" : key;
    }

    /// <summary>Watcher filters grouped by where they branch; immutable, swapped whole when a watcher comes or goes.</summary>
    private sealed record WatcherIndex(string[] All, string[] Everywhere, Dictionary<string, string[]> ByBranch)
    {
        public static readonly WatcherIndex Empty = new([], [], new Dictionary<string, string[]>(StringComparer.Ordinal));

        public static WatcherIndex Of(string[] filters, Func<string, string> branch)
        {
            var groups = filters.GroupBy(branch).ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);
            string[] everywhere = groups.Remove("", out string[]? any) ? any : [];
            return new WatcherIndex(filters, everywhere, groups);
        }
    }
}
