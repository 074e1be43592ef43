using System.Buffers;
using MQTTnet;
using MQTTnet.Protocol;

namespace Edge.Gateway.Mqtt;

/// <summary>
/// The retained messages of the gateway's own topics on the embedded broker (nodes' births, states and Wills; the
/// owners, gateway states, configs, rollups and discovery configs the gateway publishes), kept here instead of in
/// MQTTnet's retained store. MQTTnet copies its whole store under one lock on every SUBSCRIBE and compares every
/// retained topic with every new filter; a fleet holds fifteen retained messages per node (birth, state, thirteen Home
/// Assistant discovery configs), so 10,000 boards (re)subscribing made that quadratic, and the threads queued on the lock
/// starved the thread pool until healthy boards missed their keep-alives (issue 17). Here they sit in a tree of topic
/// levels: a filter visits only the branches it can match, so a node's own filters and the fleet's common ones
/// touch a few entries; only a watcher's wildcard (a dashboard's <c>#</c>) walks them all. Other clients' retained
/// messages stay in MQTTnet's store. Bounded: only the gateway and authorized nodes (each under its own id) write
/// here, one entry per topic. Thread-safe: one short lock.
/// </summary>
internal sealed class RetainedIndex
{
    private readonly Lock _gate = new();
    private readonly Level _root = new();
    private int _count;

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _count;
            }
        }
    }

    /// <summary>Keeps a copy of a retained message (the broker may reuse a received payload's buffer); an empty payload clears the topic.</summary>
    public void Store(MqttApplicationMessage message)
    {
        string[] levels = message.Topic.Split('/');
        MqttApplicationMessage? kept = message.Payload.IsEmpty ? null : Copy(message);
        lock (_gate)
        {
            if (kept is null)
            {
                Remove(_root, levels, 0);
                return;
            }

            Level level = _root;
            foreach (string name in levels)
            {
                level.Children ??= new Dictionary<string, Level>(StringComparer.Ordinal);
                if (!level.Children.TryGetValue(name, out Level? child))
                {
                    child = new Level();
                    level.Children[name] = child;
                }

                level = child;
            }

            if (level.Message is null)
            {
                _count++;
            }

            level.Message = kept;
        }
    }

    /// <summary>The retained messages a new subscription to <paramref name="filter"/> gets (MQTT's matching rules).</summary>
    public List<MqttApplicationMessage> Matching(string filter)
    {
        var found = new List<MqttApplicationMessage>();
        string[] levels = filter.Split('/');
        lock (_gate)
        {
            Match(_root, levels, 0, found);
        }

        return found;
    }

    /// <summary>The message as a new subscription receives it: retained, at no higher QoS than subscribed.</summary>
    public static MqttApplicationMessage ForSubscriber(MqttApplicationMessage message, MqttQualityOfServiceLevel granted)
    {
        MqttApplicationMessage copy = Copy(message, share: true);
        copy.QualityOfServiceLevel = (MqttQualityOfServiceLevel)Math.Min((int)granted, (int)message.QualityOfServiceLevel);
        return copy;
    }

    private static void Match(Level level, string[] filter, int depth, List<MqttApplicationMessage> found)
    {
        if (depth == filter.Length)
        {
            if (level.Message is not null)
            {
                found.Add(level.Message);
            }

            return;
        }

        string name = filter[depth];
        if (name == "#")
        {
            // "a/#" also matches "a" itself; no wildcard at the first level matches a topic starting with '$'.
            if (level.Message is not null && depth > 0)
            {
                found.Add(level.Message);
            }

            All(level, depth == 0, found);
            return;
        }

        if (level.Children is null)
        {
            return;
        }

        if (name == "+")
        {
            foreach ((string child, Level next) in level.Children)
            {
                if (depth > 0 || !child.StartsWith('$'))
                {
                    Match(next, filter, depth + 1, found);
                }
            }

            return;
        }

        if (level.Children.TryGetValue(name, out Level? exact))
        {
            Match(exact, filter, depth + 1, found);
        }
    }

    private static void All(Level level, bool skipDollar, List<MqttApplicationMessage> found)
    {
        if (level.Children is null)
        {
            return;
        }

        foreach ((string name, Level child) in level.Children)
        {
            if (skipDollar && name.StartsWith('$'))
            {
                continue;
            }

            if (child.Message is not null)
            {
                found.Add(child.Message);
            }

            All(child, false, found);
        }
    }

    /// <summary>Removes the topic's message and prunes the branches left empty; true when this level is empty now.</summary>
    private bool Remove(Level level, string[] levels, int depth)
    {
        if (depth == levels.Length)
        {
            if (level.Message is not null)
            {
                level.Message = null;
                _count--;
            }
        }
        else if (level.Children is not null && level.Children.TryGetValue(levels[depth], out Level? child) && Remove(child, levels, depth + 1))
        {
            level.Children.Remove(levels[depth]);
        }

        return level.Message is null && (level.Children is null || level.Children.Count == 0);
    }

    private static MqttApplicationMessage Copy(MqttApplicationMessage message, bool share = false) => new()
    {
        Topic = message.Topic,
        Payload = share ? message.Payload : new ReadOnlySequence<byte>(message.Payload.ToArray()),
        QualityOfServiceLevel = message.QualityOfServiceLevel,
        Retain = true,
        ContentType = message.ContentType,
        PayloadFormatIndicator = message.PayloadFormatIndicator,
        UserProperties = message.UserProperties,
    };

    private sealed class Level
    {
        public Dictionary<string, Level>? Children { get; set; }

        public MqttApplicationMessage? Message { get; set; }
    }
}
