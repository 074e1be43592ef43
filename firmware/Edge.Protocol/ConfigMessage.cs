namespace Edge.Protocol
{
    /// <summary>
    /// Retained on node/{id}/config by an operator or the gateway. Every member is optional: an absent one
    /// keeps the default below, and unknown members are ignored so newer gateways can talk to older nodes.
    /// </summary>
    public sealed class ConfigMessage : JsonMessage
    {
        // 250 ms lets the gateway notice a silent node within about a second (docs/ARCHITECTURE.md).
        public const long DefaultHeartbeatMs = 250;
        public const long DefaultBatchSamples = 64;
        public const long DefaultBatchMs = 1000;
        public const string DefaultPredictor = "ewma";
        public const double DefaultMargin = 2.0;

        private static readonly JsonFields Table = new JsonFields();
        private static readonly JsonField HeartbeatMsField = Table.Count("heartbeatMs", 3600000).Or(DefaultHeartbeatMs);
        private static readonly JsonField BatchSamplesField = Table.Count("batchSamples", ProtocolLimits.MaxBatchSamples).Or(DefaultBatchSamples);
        private static readonly JsonField BatchMsField = Table.Count("batchMs", 3600000).Or(DefaultBatchMs);
        private static readonly JsonField BufferFloorField = Table.Count("bufferFloor", long.MaxValue).Or(0L);
        private static readonly JsonField BufferCeilingField = Table.Count("bufferCeiling", long.MaxValue).Or(0L);
        private static readonly JsonField PredictorField = Table.Text("predictor").Or(DefaultPredictor);
        private static readonly JsonField MarginField = Table.Amount("margin").Or(DefaultMargin);

        public ConfigMessage()
            : base(Table)
        {
        }

        public long HeartbeatMs { get { return Integer(HeartbeatMsField); } set { Set(HeartbeatMsField, value); } }

        public long BatchSamples { get { return Integer(BatchSamplesField); } set { Set(BatchSamplesField, value); } }

        public long BatchMs { get { return Integer(BatchMsField); } set { Set(BatchMsField, value); } }

        public long BufferFloor { get { return Integer(BufferFloorField); } set { Set(BufferFloorField, value); } }

        public long BufferCeiling { get { return Integer(BufferCeilingField); } set { Set(BufferCeilingField, value); } }

        public string Predictor { get { return Text(PredictorField); } set { Set(PredictorField, value); } }

        public double Margin { get { return Real(MarginField); } set { Set(MarginField, value); } }

        protected override ProtocolError Validate()
        {
            bool bad = HeartbeatMs < 100 || BatchSamples < 1 || (BufferCeiling > 0 && BufferCeiling < BufferFloor);
            return bad ? ProtocolError.OutOfRange : ProtocolError.None;
        }
    }
}
