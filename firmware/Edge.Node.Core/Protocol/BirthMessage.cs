namespace Edge.Node.Core.Protocol
{
    /// <summary>
    /// Published (retained, QoS 1) on node/{id}/birth after every connect. Session increases on every connect
    /// and is persisted where the board can, so the gateway can tell a stale Will from a live session.
    /// </summary>
    public sealed class BirthMessage : IJsonMessage
    {
        public string Node;
        public long Session;
        public string Firmware;
        public string Board;
        public string Capabilities;
        public long BufferCapacity;
        public long BufferCeiling;
        public long HeartbeatMs;
        public long MaxFlows;
        public long TimestampMs;

        public void Clear()
        {
            Node = null;
            Session = 0;
            Firmware = null;
            Board = null;
            Capabilities = null;
            BufferCapacity = 0;
            BufferCeiling = 0;
            HeartbeatMs = 0;
            MaxFlows = 0;
            TimestampMs = 0;
        }

        public void Write(JsonWriter w)
        {
            w.WriteString("node", Node);
            w.WriteNumber("session", Session);
            w.WriteString("firmware", Firmware);
            w.WriteString("board", Board);
            w.WriteString("capabilities", Capabilities);
            w.WriteNumber("bufferCapacity", BufferCapacity);
            w.WriteNumber("bufferCeiling", BufferCeiling);
            w.WriteNumber("heartbeatMs", HeartbeatMs);
            w.WriteNumber("maxFlows", MaxFlows);
            w.WriteNumber("timestamp", TimestampMs);
        }

        public ProtocolError Read(JsonReader r)
        {
            ProtocolError e;
            if ((e = Fields.Id(r, "node", out Node)) != ProtocolError.None) return e;
            if ((e = Fields.Count(r, "session", ProtocolLimits.MaxUInt32, out Session)) != ProtocolError.None) return e;
            if ((e = r.GetString("firmware", out Firmware)) != ProtocolError.None) return e;
            if ((e = r.GetString("board", out Board)) != ProtocolError.None) return e;
            if ((e = Fields.OptionalText(r, "capabilities", "", out Capabilities)) != ProtocolError.None) return e;
            if ((e = Fields.Count(r, "bufferCapacity", long.MaxValue, out BufferCapacity)) != ProtocolError.None) return e;
            if ((e = Fields.OptionalCount(r, "bufferCeiling", long.MaxValue, BufferCapacity, out BufferCeiling)) != ProtocolError.None) return e;
            if ((e = Fields.Count(r, "heartbeatMs", 3600000, out HeartbeatMs)) != ProtocolError.None) return e;
            if ((e = Fields.OptionalCount(r, "maxFlows", 0xFFFF, 0, out MaxFlows)) != ProtocolError.None) return e;
            if ((e = Fields.Count(r, "timestamp", long.MaxValue, out TimestampMs)) != ProtocolError.None) return e;
            return HeartbeatMs < 100 || BufferCeiling < BufferCapacity ? ProtocolError.OutOfRange : ProtocolError.None;
        }
    }
}
