using System.Collections.Concurrent;

namespace Edge.Gateway.Mqtt;

/// <summary>
/// Maps whose values are arrays swapped whole, so that the publish path reads them without a lock; written by one
/// writer at a time (<see cref="BrokerSubscriptions"/>' lock).
/// </summary>
internal static class CopyOnWrite
{
    /// <summary>Drops the items <paramref name="gone"/> picks from the key's array; true when that emptied it and the key went too.</summary>
    public static bool Remove<T>(ConcurrentDictionary<string, T[]> map, string key, Func<T, bool> gone)
    {
        if (!map.TryGetValue(key, out T[]? items))
        {
            return false;
        }

        T[] left = [.. items.Where(item => !gone(item))];
        if (left.Length > 0)
        {
            map[key] = left;
            return false;
        }

        map.TryRemove(key, out _);
        return true;
    }
}
