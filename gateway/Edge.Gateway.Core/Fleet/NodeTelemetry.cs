using Edge.Protocol;

namespace Edge.Gateway.Core.Fleet;

/// <summary>A heartbeat's load report, copied out of the decoder's reused message for the fleet loop.</summary>
internal sealed record NodeTelemetry(
    long Session, long BufferFill, long BufferCapacity, double Rate, double Forecast, long Unacked, bool PreExpanded, bool Alarm, long Dropped,
    long ModelDropped = 0, long ReactiveDropped = 0, IReadOnlyList<LaneReport>? Lanes = null)
{
    public static NodeTelemetry From(TelemetryMessage t) =>
        new(t.Session, t.BufferFill, t.BufferCapacity, t.Rate, t.Forecast, t.Unacked, t.PreExpanded, t.Alarm, t.Dropped, t.ModelDropped, t.ReactiveDropped, LanesOf(t));

    /// <summary>The message's lane report (at most <see cref="TelemetryMessage.MaxLanes"/>, checked by the codec); empty when it had none.</summary>
    private static LaneReport[] LanesOf(TelemetryMessage t)
    {
        if (t.LaneCount == 0)
        {
            return [];
        }

        var lanes = new LaneReport[t.LaneCount];
        for (int i = 0; i < lanes.Length; i++)
        {
            lanes[i] = new LaneReport(t.LaneFlow(i), t.LaneRate(i), t.LaneForecast(i), t.LanePreExpanded(i), t.LaneShare(i));
        }

        return lanes;
    }
}
