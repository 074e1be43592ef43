using System.Diagnostics;
using Edge.Gateway.Core.Fleet;

namespace Edge.Gateway.Core.Ingest;

/// <summary>
/// When the gateway pushes back: every hand-over that had to wait for room in the inbound queue (the MQTT side then
/// stops reading, and publishers wait for their PUBACKs), and every telemetry report shed instead of waiting.
/// Saturated while one waits and for <see cref="HoldFor"/> after the last wait or shed, so a dashboard or an alert
/// sees it even between scrapes.
/// Thread-safe: transport threads write, the read model reads.
/// </summary>
internal sealed class Backpressure(TimeProvider clock, ShedReports shed)
{
    public static readonly TimeSpan HoldFor = TimeSpan.FromSeconds(5);

    private int _waiting;
    private long _waits;
    private long _waitedTicks;
    private long _lastWaitEndMs = long.MinValue / 2;

    public long Waits => Interlocked.Read(ref _waits);

    /// <summary>Seconds hand-overs spent waiting, summed over all of them.</summary>
    public double WaitedSeconds => (double)Interlocked.Read(ref _waitedTicks) / Stopwatch.Frequency;

    public bool Saturated =>
        Volatile.Read(ref _waiting) > 0
        || clock.GetUtcNow().ToUnixTimeMilliseconds() - Interlocked.Read(ref _lastWaitEndMs) < (long)HoldFor.TotalMilliseconds;

    /// <summary>A hand-over starts waiting; pass the result to <see cref="Ended"/>.</summary>
    public long Started()
    {
        Interlocked.Increment(ref _waiting);
        Interlocked.Increment(ref _waits);
        return Stopwatch.GetTimestamp();
    }

    /// <summary>A report was not kept because there was no room (it did not wait): counted, and saturated all the same.</summary>
    public void Shed()
    {
        shed.Shed();
        Interlocked.Exchange(ref _lastWaitEndMs, clock.GetUtcNow().ToUnixTimeMilliseconds());
    }

    public void Ended(long started)
    {
        Interlocked.Add(ref _waitedTicks, Stopwatch.GetTimestamp() - started);
        Interlocked.Exchange(ref _lastWaitEndMs, clock.GetUtcNow().ToUnixTimeMilliseconds());
        Interlocked.Decrement(ref _waiting);
    }
}
