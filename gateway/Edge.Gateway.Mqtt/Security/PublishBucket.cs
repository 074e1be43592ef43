using System.Diagnostics;

namespace Edge.Gateway.Mqtt.Security;

/// <summary>
/// A token bucket for one client's publishes, kept in that client's session items so it lives and dies with the
/// session (no table a stranger could grow). MQTTnet handles one client's packets in order, so no lock.
/// </summary>
internal sealed class PublishBucket(double perSecond, double burst)
{
    private readonly double _burst = burst;
    private double _tokens = burst;
    private long _last = Stopwatch.GetTimestamp();

    public bool TryTake()
    {
        long now = Stopwatch.GetTimestamp();
        _tokens = Math.Min(_burst, _tokens + Stopwatch.GetElapsedTime(_last, now).TotalSeconds * perSecond);
        _last = now;
        if (_tokens < 1)
        {
            return false;
        }

        _tokens--;
        return true;
    }
}
