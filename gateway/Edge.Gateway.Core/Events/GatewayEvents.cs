namespace Edge.Gateway.Core.Events;

/// <summary>The last few hundred events in memory for the REST API; the counters in metrics are the long-term record.</summary>
internal sealed class GatewayEvents(TimeProvider clock, int capacity = 512)
{
    private readonly Queue<GatewayEvent> _events = new(capacity);

    public void Add(string kind, string node, string detail)
    {
        var item = new GatewayEvent(clock.GetUtcNow().ToUnixTimeMilliseconds(), kind, node, detail);
        lock (_events)
        {
            if (_events.Count == capacity)
            {
                _events.Dequeue();
            }

            _events.Enqueue(item);
        }
    }

    public IReadOnlyList<GatewayEvent> Recent(int max)
    {
        lock (_events)
        {
            return _events.Reverse().Take(max).ToList();
        }
    }
}
