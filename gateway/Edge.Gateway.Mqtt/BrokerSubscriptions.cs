using System.Collections.Concurrent;
using Edge.Protocol;
using MQTTnet;
using MQTTnet.Protocol;

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
/// Written from the broker's event handlers, under one lock, each change costing what the changed filter touches
/// (Home Assistant subscribing to 20,000 topics one by one took 66 s when every change rebuilt the index); read on every
/// publish, without a lock.
/// </summary>
internal sealed class BrokerSubscriptions(string site)
{
    private readonly Lock _gate = new();
    private readonly string _nodePrefix = Topics.Root + "/" + site + "/node/";
    private readonly string _owners = Topics.AllFlowOwners(site);
    private readonly string _gateways = Topics.AllGatewayStates(site);
    private readonly ConcurrentDictionary<string, string[]> _own = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _watching = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Listener[]> _listeners = new(StringComparer.Ordinal);
    private readonly WatcherIndex _watchers = new();

    /// <summary>Watcher filters now (a copy, for diagnostics and tests).</summary>
    public IReadOnlyList<string> Watchers => [.. _listeners.Keys];

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

    /// <summary>A subscription MQTTnet registered, with the QoS it was granted: what a watcher is sent at most.</summary>
    public void Subscribed(string clientId, string filter, MqttQualityOfServiceLevel granted = MqttQualityOfServiceLevel.AtLeastOnce)
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

            if (!_watching.TryGetValue(clientId, out HashSet<string>? filters))
            {
                _watching[clientId] = filters = new HashSet<string>(StringComparer.Ordinal);
            }

            filters.Add(filter);
            Watch(new Listener(clientId, granted), filter);
        }
    }

    public void Unsubscribed(string clientId, string filter)
    {
        lock (_gate)
        {
            CopyOnWrite.Remove(_own, clientId, f => f == filter);

            if (_watching.TryGetValue(clientId, out HashSet<string>? filters) && filters.Remove(filter))
            {
                Unwatch(clientId, filter);
            }
        }
    }

    /// <summary>
    /// True when some watcher's filter matches the topic: then the broker must forward it as usual. Only the filters
    /// that could match are compared (Home Assistant watching each node's state and telemetry does not make every
    /// message compare against every node's filters), and nothing is allocated.
    /// </summary>
    public bool Watched(string topic) => _watchers.Matches(topic);

    /// <summary>
    /// The watchers whose filters match the topic, one entry per matching filter; null when none (nothing allocated).
    /// </summary>
    public List<Listener>? ListenersOf(string topic)
    {
        List<string>? filters = _watchers.Matching(topic);
        if (filters is null)
        {
            return null;
        }

        var found = new List<Listener>();
        foreach (string filter in filters)
        {
            if (_listeners.TryGetValue(filter, out Listener[]? listeners))
            {
                found.AddRange(listeners);
            }
        }

        return found;
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
            if (_watching.Remove(clientId, out HashSet<string>? filters))
            {
                foreach (string filter in filters)
                {
                    Unwatch(clientId, filter);
                }
            }
        }
    }

    /// <summary>Under the gate: the index holds each filter once, however many watchers share it.</summary>
    private void Watch(Listener listener, string filter)
    {
        if (_listeners.TryGetValue(filter, out Listener[]? listeners))
        {
            _listeners[filter] = [.. listeners.Where(l => l.ClientId != listener.ClientId), listener];
            return;
        }

        _listeners[filter] = [listener];
        _watchers.Add(filter);
    }

    private void Unwatch(string clientId, string filter)
    {
        if (CopyOnWrite.Remove(_listeners, filter, l => l.ClientId == clientId))
        {
            _watchers.Remove(filter);
        }
    }
}
