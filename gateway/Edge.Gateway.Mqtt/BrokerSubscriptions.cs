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
    /// that could match are compared (Home Assistant watching each node's state and telemetry does not make every
    /// message compare against every node's filters), and nothing is allocated.
    /// </summary>
    public bool Watched(string topic) => _watchers.Matches(topic);

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

    private void Publish() => _watchers = new WatcherIndex([.. _watching.Values.SelectMany(f => f).Distinct(StringComparer.Ordinal)]);

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
    /// Watcher filters by their literal leading levels (up to <see cref="MaxDepth"/>): a filter whose first d levels
    /// are literal can only match a topic whose first d levels are those, so a topic is compared with the filters
    /// keyed by its own prefixes only (node/{id} keys a node's topics apart from the other nodes'). Filters that begin
    /// with a wildcard are compared with every topic. Immutable, swapped whole when a watcher comes or goes.
    /// </summary>
    private sealed class WatcherIndex
    {
        /// <summary>edge/v1/{site}/node/{id}: deep enough to tell one node's topics from another's.</summary>
        private const int MaxDepth = 5;

        private readonly Dictionary<string, string[]>.AlternateLookup<ReadOnlySpan<char>> _byPrefix;
        private readonly string[] _everywhere;
        private readonly int _depths;

        public WatcherIndex(string[] filters)
        {
            All = filters;
            var groups = new Dictionary<string, List<string>>(StringComparer.Ordinal);
            var everywhere = new List<string>();
            foreach (string filter in filters)
            {
                int depth = LiteralPrefix(filter, out int length);
                if (depth == 0)
                {
                    everywhere.Add(filter);
                    continue;
                }

                string key = filter[..length];
                if (!groups.TryGetValue(key, out List<string>? group))
                {
                    groups[key] = group = [];
                }

                group.Add(filter);
                _depths |= 1 << depth;
            }

            _everywhere = [.. everywhere];
            _byPrefix = groups.ToDictionary(g => g.Key, g => g.Value.ToArray(), StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
        }

        public static WatcherIndex Empty { get; } = new([]);

        public string[] All { get; }

        public bool Matches(string topic)
        {
            if (Any(_everywhere, topic))
            {
                return true;
            }

            int end = -1;
            for (int depth = 1; depth <= MaxDepth && _depths >> depth != 0; depth++)
            {
                end = topic.IndexOf('/', end + 1);
                int length = end < 0 ? topic.Length : end;
                if ((_depths & (1 << depth)) != 0 && _byPrefix.TryGetValue(topic.AsSpan(0, length), out string[]? filters) && Any(filters, topic))
                {
                    return true;
                }

                if (end < 0)
                {
                    break;
                }
            }

            return false;
        }

        /// <summary>How many leading levels of the filter are literal (at most <see cref="MaxDepth"/>), and their length.</summary>
        private static int LiteralPrefix(string filter, out int length)
        {
            length = 0;
            int depth = 0;
            int start = 0;
            while (depth < MaxDepth && start <= filter.Length)
            {
                int end = filter.IndexOf('/', start);
                int stop = end < 0 ? filter.Length : end;
                ReadOnlySpan<char> level = filter.AsSpan(start, stop - start);
                if (level is "+" or "#")
                {
                    break;
                }

                depth++;
                length = stop;
                if (end < 0)
                {
                    break;
                }

                start = end + 1;
            }

            return depth;
        }
    }
}
