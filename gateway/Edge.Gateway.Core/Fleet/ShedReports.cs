namespace Edge.Gateway.Core.Fleet;

/// <summary>
/// Telemetry reports the gateway heard (their heartbeat counted) but did not decode, because its inbound queue was
/// full when they came: a report is sent at QoS 0 and the next one replaces it, so holding the publisher's connection
/// for it would only starve everyone's heartbeats. The plausibility checks read the count: a window in which reports
/// were shed proves nothing. Thread-safe: transport threads write, the fleet loop and the read model read.
/// </summary>
internal sealed class ShedReports
{
    private long _count;

    public long Count => Interlocked.Read(ref _count);

    public void Shed() => Interlocked.Increment(ref _count);
}
