namespace Edge.Node.Core.Protocol
{
    /// <summary>
    /// Heartbeat and load report on node/{id}/telemetry (QoS 0, every heartbeat period). The gateway's failure
    /// detector feeds on its arrival times and the balancer on its forecast and buffer headroom.
    /// </summary>
    public sealed class TelemetryMessage : IJsonMessage
    {
        public long Session;
        public long TimestampMs;
        public double Rate;
        public double Forecast;
        public long Horizon;
        public long BufferFill;
        public long BufferCapacity;
        public long Dropped;
        public long Spilled;
        public long Unacked;
        public long FreeMemory;
        public bool PreExpanded;
        public bool Alarm;

        public void Clear()
        {
            Session = 0;
            TimestampMs = 0;
            Rate = 0;
            Forecast = 0;
            Horizon = 0;
            BufferFill = 0;
            BufferCapacity = 0;
            Dropped = 0;
            Spilled = 0;
            Unacked = 0;
            FreeMemory = 0;
            PreExpanded = false;
            Alarm = false;
        }

        public void Write(JsonWriter w)
        {
            w.WriteNumber("session", Session);
            w.WriteNumber("timestamp", TimestampMs);
            w.WriteNumber("rate", Rate);
            w.WriteNumber("forecast", Forecast);
            w.WriteNumber("horizon", Horizon);
            w.WriteNumber("bufferFill", BufferFill);
            w.WriteNumber("bufferCapacity", BufferCapacity);
            w.WriteNumber("dropped", Dropped);
            w.WriteNumber("spilled", Spilled);
            w.WriteNumber("unacked", Unacked);
            w.WriteNumber("freeMemory", FreeMemory);
            w.WriteBool("preExpanded", PreExpanded);
            w.WriteBool("alarm", Alarm);
        }

        public ProtocolError Read(JsonReader r)
        {
            ProtocolError e;
            if ((e = Fields.Count(r, "session", ProtocolLimits.MaxUInt32, out Session)) != ProtocolError.None) return e;
            if ((e = Fields.Count(r, "timestamp", long.MaxValue, out TimestampMs)) != ProtocolError.None) return e;
            if ((e = Fields.Amount(r, "rate", out Rate)) != ProtocolError.None) return e;
            if ((e = Fields.Amount(r, "forecast", out Forecast)) != ProtocolError.None) return e;
            if ((e = Fields.OptionalCount(r, "horizon", 100000, 0, out Horizon)) != ProtocolError.None) return e;
            if ((e = Fields.Count(r, "bufferFill", long.MaxValue, out BufferFill)) != ProtocolError.None) return e;
            if ((e = Fields.Count(r, "bufferCapacity", long.MaxValue, out BufferCapacity)) != ProtocolError.None) return e;
            if ((e = Fields.Count(r, "dropped", long.MaxValue, out Dropped)) != ProtocolError.None) return e;
            if ((e = Fields.OptionalCount(r, "spilled", long.MaxValue, 0, out Spilled)) != ProtocolError.None) return e;
            if ((e = Fields.OptionalCount(r, "unacked", long.MaxValue, 0, out Unacked)) != ProtocolError.None) return e;
            if ((e = Fields.OptionalCount(r, "freeMemory", long.MaxValue, 0, out FreeMemory)) != ProtocolError.None) return e;
            if (r.Has("preExpanded") && (e = r.GetBool("preExpanded", out PreExpanded)) != ProtocolError.None) return e;
            if (r.Has("alarm") && (e = r.GetBool("alarm", out Alarm)) != ProtocolError.None) return e;
            return BufferFill > BufferCapacity ? ProtocolError.OutOfRange : ProtocolError.None;
        }
    }
}
