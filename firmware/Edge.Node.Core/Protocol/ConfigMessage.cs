namespace Edge.Node.Core.Protocol
{
    /// <summary>
    /// Retained on node/{id}/config by an operator or the gateway. Every member is optional: an absent one
    /// keeps the default below, and unknown members are ignored so newer gateways can talk to older nodes.
    /// </summary>
    public sealed class ConfigMessage : IJsonMessage
    {
        // 250 ms lets the gateway notice a silent node within about a second (docs/ARCHITECTURE.md).
        public const long DefaultHeartbeatMs = 250;
        public const long DefaultBatchSamples = 64;
        public const long DefaultBatchMs = 1000;
        public const string DefaultPredictor = "ewma";
        public const double DefaultMargin = 2.0;

        public long HeartbeatMs;
        public long BatchSamples;
        public long BatchMs;
        public long BufferFloor;
        public long BufferCeiling;
        public string Predictor;
        public double Margin;

        public ConfigMessage()
        {
            Clear();
        }

        public void Clear()
        {
            HeartbeatMs = DefaultHeartbeatMs;
            BatchSamples = DefaultBatchSamples;
            BatchMs = DefaultBatchMs;
            BufferFloor = 0;
            BufferCeiling = 0;
            Predictor = DefaultPredictor;
            Margin = DefaultMargin;
        }

        public void Write(JsonWriter w)
        {
            w.WriteNumber("heartbeatMs", HeartbeatMs);
            w.WriteNumber("batchSamples", BatchSamples);
            w.WriteNumber("batchMs", BatchMs);
            w.WriteNumber("bufferFloor", BufferFloor);
            w.WriteNumber("bufferCeiling", BufferCeiling);
            w.WriteString("predictor", Predictor);
            w.WriteNumber("margin", Margin);
        }

        public ProtocolError Read(JsonReader r)
        {
            ProtocolError e;
            if ((e = Fields.OptionalCount(r, "heartbeatMs", 3600000, DefaultHeartbeatMs, out HeartbeatMs)) != ProtocolError.None) return e;
            if ((e = Fields.OptionalCount(r, "batchSamples", ProtocolLimits.MaxBatchSamples, DefaultBatchSamples, out BatchSamples)) != ProtocolError.None) return e;
            if ((e = Fields.OptionalCount(r, "batchMs", 3600000, DefaultBatchMs, out BatchMs)) != ProtocolError.None) return e;
            if ((e = Fields.OptionalCount(r, "bufferFloor", long.MaxValue, 0, out BufferFloor)) != ProtocolError.None) return e;
            if ((e = Fields.OptionalCount(r, "bufferCeiling", long.MaxValue, 0, out BufferCeiling)) != ProtocolError.None) return e;
            if ((e = Fields.OptionalText(r, "predictor", DefaultPredictor, out Predictor)) != ProtocolError.None) return e;
            if ((e = Fields.OptionalAmount(r, "margin", DefaultMargin, out Margin)) != ProtocolError.None) return e;
            bool bad = HeartbeatMs < 100 || BatchSamples < 1 || (BufferCeiling > 0 && BufferCeiling < BufferFloor);
            return bad ? ProtocolError.OutOfRange : ProtocolError.None;
        }
    }
}
