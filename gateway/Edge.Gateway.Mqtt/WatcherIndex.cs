using System.Collections.Concurrent;
using MQTTnet;

namespace Edge.Gateway.Mqtt;

/// <summary>
/// Watcher filters by their literal leading levels: a filter whose first d levels are literal can only match a topic
/// whose first d levels are those, so a topic is compared only with the filters keyed by one of its own prefixes
/// (edge/v1/{site}/node/{id} keys a node's topics apart from every other node's). Filters that begin with a wildcard
/// are compared with every topic. Written by one writer at a time (<see cref="BrokerSubscriptions"/>' lock), read by
/// any thread without a lock or an allocation: a key's filters are an array swapped whole.
/// </summary>
internal sealed class WatcherIndex
{
    /// <summary>Deeper literal levels still key a filter, but no deeper than the depths' bit mask holds.</summary>
    private const int MaxDepth = 30;

    private readonly ConcurrentDictionary<string, string[]> _byPrefix = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string[]>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private volatile string[] _everywhere = [];

    /// <summary>Bit d: some key has d levels. Bits are only ever set (a depth left empty costs one lookup that misses).</summary>
    private int _depths;

    public WatcherIndex() => _lookup = _byPrefix.GetAlternateLookup<ReadOnlySpan<char>>();

    public void Add(string filter)
    {
        int depth = LiteralPrefix(filter, out int length);
        if (depth == 0)
        {
            _everywhere = [.. _everywhere, filter];
            return;
        }

        string key = filter[..length];
        _byPrefix[key] = _byPrefix.TryGetValue(key, out string[]? filters) ? [.. filters, filter] : [filter];
        Interlocked.Or(ref _depths, 1 << depth);
    }

    public void Remove(string filter)
    {
        int depth = LiteralPrefix(filter, out int length);
        if (depth == 0)
        {
            _everywhere = [.. _everywhere.Where(f => f != filter)];
            return;
        }

        CopyOnWrite.Remove(_byPrefix, filter[..length], f => f == filter);
    }

    public bool Matches(string topic) => Scan(topic, null);

    /// <summary>Every filter that matches the topic; null when none.</summary>
    public List<string>? Matching(string topic)
    {
        if (!Scan(topic, null))
        {
            return null;
        }

        var found = new List<string>();
        Scan(topic, found);
        return found;
    }

    /// <summary>True when a filter matches; with <paramref name="found"/>, collects every one instead of stopping at the first.</summary>
    private bool Scan(string topic, List<string>? found)
    {
        bool any = Collect(_everywhere, topic, found);
        if (any && found is null)
        {
            return true;
        }

        int depths = Volatile.Read(ref _depths);
        int end = -1;
        for (int depth = 1; depth <= MaxDepth && depths >> depth != 0; depth++)
        {
            end = topic.IndexOf('/', end + 1);
            int length = end < 0 ? topic.Length : end;
            if ((depths & (1 << depth)) != 0 && _lookup.TryGetValue(topic.AsSpan(0, length), out string[]? filters) && Collect(filters, topic, found))
            {
                any = true;
                if (found is null)
                {
                    return true;
                }
            }

            if (end < 0)
            {
                break;
            }
        }

        return any;
    }

    private static bool Collect(string[] filters, string topic, List<string>? found)
    {
        bool any = false;
        foreach (string filter in filters)
        {
            if (MqttTopicFilterComparer.Compare(topic, filter) == MqttTopicFilterCompareResult.IsMatch)
            {
                any = true;
                if (found is null)
                {
                    return true;
                }

                found.Add(filter);
            }
        }

        return any;
    }

    /// <summary>How many leading levels of the filter are literal (at most <see cref="MaxDepth"/>), and their length.</summary>
    private static int LiteralPrefix(string filter, out int length)
    {
        length = 0;
        int depth = 0;
        int start = 0;
        while (depth < MaxDepth)
        {
            int end = filter.IndexOf('/', start);
            int stop = end < 0 ? filter.Length : end;
            if (filter.AsSpan(start, stop - start) is "+" or "#")
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
