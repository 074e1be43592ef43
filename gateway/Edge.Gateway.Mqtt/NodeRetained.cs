using System.Buffers;
using System.Collections.Concurrent;
using Edge.Protocol;
using MQTTnet;
using MQTTnet.Protocol;

namespace Edge.Gateway.Mqtt;

/// <summary>
/// The retained messages of the node tree (<c>node/{id}/{leaf}</c>: births, states, Wills), kept here instead of in
/// the embedded broker's retained store. MQTTnet copies its whole retained store under one lock on every SUBSCRIBE
/// and compares every retained topic with every new filter: with two retained messages per node, a fleet of 10,000
/// (re)subscribing made that quadratic, and the threads queued on the lock starved the thread pool (issue 17). Here
/// they are indexed by node: a node's own filters look at its own entries only, the fleet's common filters
/// (owners, gateway states) at none, and only a watcher's wildcard over the node level scans them all.
/// Bounded: only authorized publishers reach it (a node publishes under its own id only), one entry per topic.
/// Thread-safe: the broker's publish and subscribe handlers write and read it concurrently.
/// </summary>
internal sealed class NodeRetained(string site)
{
    private readonly string[] _prefix = (Topics.Root + "/" + site + "/node").Split('/');
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, MqttApplicationMessage>> _byNode = new(StringComparer.Ordinal);

    public int Count => _byNode.Values.Sum(n => n.Count);

    /// <summary>Keeps a retained message of node <paramref name="node"/>; an empty payload clears the topic, as MQTT says.</summary>
    public void Store(string node, MqttApplicationMessage message)
    {
        if (message.Payload.IsEmpty)
        {
            if (_byNode.TryGetValue(node, out var leaves))
            {
                leaves.TryRemove(message.Topic, out _);
            }

            return;
        }

        // A copy: the broker may reuse the buffer a received payload came in.
        var kept = new MqttApplicationMessage
        {
            Topic = message.Topic,
            Payload = new ReadOnlySequence<byte>(message.Payload.ToArray()),
            QualityOfServiceLevel = message.QualityOfServiceLevel,
            Retain = true,
            ContentType = message.ContentType,
            PayloadFormatIndicator = message.PayloadFormatIndicator,
            UserProperties = message.UserProperties,
        };
        _byNode.GetOrAdd(node, _ => new ConcurrentDictionary<string, MqttApplicationMessage>(StringComparer.Ordinal))[message.Topic] = kept;
    }

    /// <summary>The retained messages a new subscription to <paramref name="filter"/> gets.</summary>
    public List<MqttApplicationMessage> Matching(string filter)
    {
        var found = new List<MqttApplicationMessage>();
        string[] levels = filter.Split('/');
        for (int i = 0; i < _prefix.Length; i++)
        {
            if (i >= levels.Length)
            {
                return found;
            }

            if (levels[i] == "#")
            {
                return AllMatching(filter, found);
            }

            if (levels[i] != "+" && levels[i] != _prefix[i])
            {
                return found;
            }
        }

        if (levels.Length == _prefix.Length)
        {
            return found;
        }

        string node = levels[_prefix.Length];
        if (node is "+" or "#")
        {
            return AllMatching(filter, found);
        }

        if (_byNode.TryGetValue(node, out var leaves))
        {
            Add(leaves, filter, found);
        }

        return found;
    }

    private List<MqttApplicationMessage> AllMatching(string filter, List<MqttApplicationMessage> found)
    {
        foreach (var leaves in _byNode.Values)
        {
            Add(leaves, filter, found);
        }

        return found;
    }

    private static void Add(ConcurrentDictionary<string, MqttApplicationMessage> leaves, string filter, List<MqttApplicationMessage> found)
    {
        foreach (MqttApplicationMessage message in leaves.Values)
        {
            if (MqttTopicFilterComparer.Compare(message.Topic, filter) == MqttTopicFilterCompareResult.IsMatch)
            {
                found.Add(message);
            }
        }
    }

    /// <summary>The message as a new subscription receives it: retained, at no higher QoS than subscribed.</summary>
    public static MqttApplicationMessage ForSubscriber(MqttApplicationMessage message, MqttQualityOfServiceLevel granted) => new()
    {
        Topic = message.Topic,
        Payload = message.Payload,
        QualityOfServiceLevel = (MqttQualityOfServiceLevel)Math.Min((int)granted, (int)message.QualityOfServiceLevel),
        Retain = true,
        ContentType = message.ContentType,
        PayloadFormatIndicator = message.PayloadFormatIndicator,
        UserProperties = message.UserProperties,
    };
}
