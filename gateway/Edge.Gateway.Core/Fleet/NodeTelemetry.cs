using Edge.Protocol;

namespace Edge.Gateway.Core.Fleet;

/// <summary>A heartbeat's load report, copied out of the decoder's reused message for the fleet loop.</summary>
internal sealed record NodeTelemetry(
    long Session, long BufferFill, long BufferCapacity, double Rate, double Forecast, long Unacked, bool PreExpanded, bool Alarm, long Dropped,
    long ModelDropped = 0, long ReactiveDropped = 0)
{
    public static NodeTelemetry From(TelemetryMessage t) =>
        new(t.Session, t.BufferFill, t.BufferCapacity, t.Rate, t.Forecast, t.Unacked, t.PreExpanded, t.Alarm, t.Dropped, t.ModelDropped, t.ReactiveDropped);
}
