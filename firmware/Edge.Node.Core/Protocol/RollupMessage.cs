namespace Edge.Node.Core.Protocol
{
    /// <summary>
    /// Gateway to dashboards, retained on rollup/{window}/fleet and rollup/{window}/flow/{flow}: the last closed
    /// window's statistics. Flow is -1 for the fleet rollup.
    /// </summary>
    public sealed class RollupMessage : IJsonMessage
    {
        public string Window;
        public int Flow;
        public long StartMs;
        public long EndMs;
        public long Count;
        public double Sum;
        public double Min;
        public double Max;
        public double Mean;
        public double P50;
        public double P90;
        public double P99;

        public void Clear()
        {
            Window = null;
            Flow = -1;
            StartMs = 0;
            EndMs = 0;
            Count = 0;
            Sum = 0;
            Min = 0;
            Max = 0;
            Mean = 0;
            P50 = 0;
            P90 = 0;
            P99 = 0;
        }

        public void Write(JsonWriter w)
        {
            w.WriteString("window", Window);
            w.WriteNumber("flow", (long)Flow);
            w.WriteNumber("start", StartMs);
            w.WriteNumber("end", EndMs);
            w.WriteNumber("count", Count);
            w.WriteNumber("sum", Sum);
            w.WriteNumber("min", Min);
            w.WriteNumber("max", Max);
            w.WriteNumber("mean", Mean);
            w.WriteNumber("p50", P50);
            w.WriteNumber("p90", P90);
            w.WriteNumber("p99", P99);
        }

        public ProtocolError Read(JsonReader r)
        {
            ProtocolError e;
            long flow;
            if ((e = r.GetString("window", out Window)) != ProtocolError.None) return e;
            if ((e = r.GetLong("flow", out flow)) != ProtocolError.None) return e;
            if (flow < -1 || flow > 0xFFFF) return ProtocolError.OutOfRange;
            Flow = (int)flow;
            if ((e = Fields.Count(r, "start", long.MaxValue, out StartMs)) != ProtocolError.None) return e;
            if ((e = Fields.Count(r, "end", long.MaxValue, out EndMs)) != ProtocolError.None) return e;
            if ((e = Fields.Count(r, "count", long.MaxValue, out Count)) != ProtocolError.None) return e;
            if ((e = r.GetDouble("sum", out Sum)) != ProtocolError.None) return e;
            if ((e = r.GetDouble("min", out Min)) != ProtocolError.None) return e;
            if ((e = r.GetDouble("max", out Max)) != ProtocolError.None) return e;
            if ((e = r.GetDouble("mean", out Mean)) != ProtocolError.None) return e;
            if ((e = r.GetDouble("p50", out P50)) != ProtocolError.None) return e;
            if ((e = r.GetDouble("p90", out P90)) != ProtocolError.None) return e;
            if ((e = r.GetDouble("p99", out P99)) != ProtocolError.None) return e;
            return EndMs < StartMs ? ProtocolError.OutOfRange : ProtocolError.None;
        }
    }
}
