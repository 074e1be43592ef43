namespace Edge.Node.Core.Protocol
{
    /// <summary>
    /// Retained availability on node/{id}/state: the node publishes online after its birth, and registers the
    /// offline form (same session) as its MQTT Last Will at connect time.
    /// </summary>
    public sealed class NodeStateMessage : IJsonMessage
    {
        public bool Online;
        public long Session;
        public long TimestampMs;

        public void Clear()
        {
            Online = false;
            Session = 0;
            TimestampMs = 0;
        }

        public void Write(JsonWriter w)
        {
            w.WriteBool("online", Online);
            w.WriteNumber("session", Session);
            w.WriteNumber("timestamp", TimestampMs);
        }

        public ProtocolError Read(JsonReader r)
        {
            ProtocolError e;
            if ((e = r.GetBool("online", out Online)) != ProtocolError.None) return e;
            if ((e = Fields.Count(r, "session", ProtocolLimits.MaxUInt32, out Session)) != ProtocolError.None) return e;
            return Fields.OptionalCount(r, "timestamp", long.MaxValue, 0, out TimestampMs);
        }
    }
}
