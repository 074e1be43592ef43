namespace Edge.Node.Core.Protocol
{
    /// <summary>
    /// Retained on gateway/{id}/state, with the offline form as the gateway's Last Will. Nodes send data only
    /// while a primary gateway says online (Sparkplug's STATE does the same job).
    /// </summary>
    public sealed class GatewayStateMessage : IJsonMessage
    {
        public string Gateway;
        public bool Online;
        public bool Primary;
        public long TimestampMs;

        public void Clear()
        {
            Gateway = null;
            Online = false;
            Primary = false;
            TimestampMs = 0;
        }

        public void Write(JsonWriter w)
        {
            w.WriteString("gateway", Gateway);
            w.WriteBool("online", Online);
            w.WriteBool("primary", Primary);
            w.WriteNumber("timestamp", TimestampMs);
        }

        public ProtocolError Read(JsonReader r)
        {
            ProtocolError e;
            if ((e = Fields.Id(r, "gateway", out Gateway)) != ProtocolError.None) return e;
            if ((e = r.GetBool("online", out Online)) != ProtocolError.None) return e;
            if (r.Has("primary") && (e = r.GetBool("primary", out Primary)) != ProtocolError.None) return e;
            return Fields.OptionalCount(r, "timestamp", long.MaxValue, 0, out TimestampMs);
        }
    }
}
