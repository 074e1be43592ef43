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

        // A model trained by the gateway (docs/PROTOCOL.md 3.5): its kind, a version that only grows, the CRC-32 of the
        // weights' bytes, and the weights as float32 little-endian in base64. No weights: the node's classical predictor.
        private static readonly JsonField ModelField = Table.Text("model").Or("");
        private static readonly JsonField ModelVersionField = Table.Count("modelVersion", ProtocolLimits.MaxUInt32).Or(0L);
        private static readonly JsonField ModelChecksumField = Table.Count("modelChecksum", ProtocolLimits.MaxUInt32).Or(0L);
        private static readonly JsonField WeightsField = Table.Bytes("weights", MaxWeightBytes).Or("");

        /// <summary>At most this many bytes of weights (512 float32).</summary>
        public const int MaxWeightBytes = 2048;

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

        public string Model { get { return Text(ModelField); } set { Set(ModelField, value); } }

        public long ModelVersion { get { return Integer(ModelVersionField); } set { Set(ModelVersionField, value); } }

        public long ModelChecksum { get { return Integer(ModelChecksumField); } set { Set(ModelChecksumField, value); } }

        /// <summary>The weights' bytes as received (float32 little-endian); <see cref="WeightByteCount"/> of them are in use.</summary>
        public byte[] WeightBuffer
        {
            get { return BytesOf(WeightsField); }
        }

        public int WeightByteCount
        {
            get { return BytesLength(WeightsField); }
        }

        /// <summary>Number of weights carried (0: no model).</summary>
        public int WeightCount
        {
            get { return BytesLength(WeightsField) / 4; }
        }

        /// <summary>Weight <paramref name="index"/>, widened from float32.</summary>
        public double Weight(int index)
        {
            return LittleEndian.ReadSingle(BytesOf(WeightsField), index * 4);
        }

        /// <summary>Sets the weights' bytes (float32 little-endian) and their checksum; false when there are too many.</summary>
        public bool SetWeights(byte[] bytes, int length)
        {
            if (!SetBytes(WeightsField, bytes, length))
            {
                return false;
            }

            ModelChecksum = length == 0 ? 0 : Crc32.Compute(BytesOf(WeightsField), 0, length);
            return true;
        }

        protected override ProtocolError Validate()
        {
            bool bad = HeartbeatMs < 100 || BatchSamples < 1 || (BufferCeiling > 0 && BufferCeiling < BufferFloor);
            int bytes = BytesLength(WeightsField);
            bad = bad || bytes % 4 != 0 || (bytes > 0 && (ModelVersion < 1 || Model.Length == 0));
            if (bad)
            {
                return ProtocolError.OutOfRange;
            }

            // Weights that arrive changed would steer the buffer wrongly: they must match the checksum sent with them.
            return bytes > 0 && Crc32.Compute(BytesOf(WeightsField), 0, bytes) != ModelChecksum ? ProtocolError.ChecksumMismatch : ProtocolError.None;
        }
    }
}
