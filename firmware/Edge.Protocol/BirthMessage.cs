namespace Edge.Protocol
{
    /// <summary>
    /// Published (retained, QoS 1) on node/{id}/birth after every connect. Session increases on every connect
    /// and is persisted where the board can, so the gateway can tell a stale Will from a live session.
    /// </summary>
    public sealed class BirthMessage : JsonMessage
    {
        private static readonly JsonFields Table = new JsonFields();
        private static readonly JsonField NodeField = Table.Id("node");
        private static readonly JsonField SessionField = Table.Count("session", ProtocolLimits.MaxUInt32);
        private static readonly JsonField FirmwareField = Table.Text("firmware");
        private static readonly JsonField BoardField = Table.Text("board");
        private static readonly JsonField CapabilitiesField = Table.Text("capabilities").Or("");
        private static readonly JsonField BufferCapacityField = Table.Count("bufferCapacity", long.MaxValue);

        // Absent: the node cannot grow its buffer, so the ceiling is the capacity (Validate fills it in).
        private static readonly JsonField BufferCeilingField = Table.Count("bufferCeiling", long.MaxValue).Or(0L);
        private static readonly JsonField HeartbeatMsField = Table.Count("heartbeatMs", 3600000);
        private static readonly JsonField MaxFlowsField = Table.Count("maxFlows", 0xFFFF).Or(0L);
        private static readonly JsonField TimestampField = Table.Count("timestamp", long.MaxValue);

        // Absent or empty: the node can source any flow (a simulated board, a network counter anyone can read).
        private static readonly JsonField SourcesField = Table.Text("sources").Or("").Sparse();

        public BirthMessage()
            : base(Table)
        {
        }

        public string Node { get { return Text(NodeField); } set { Set(NodeField, value); } }

        public long Session { get { return Integer(SessionField); } set { Set(SessionField, value); } }

        public string Firmware { get { return Text(FirmwareField); } set { Set(FirmwareField, value); } }

        public string Board { get { return Text(BoardField); } set { Set(BoardField, value); } }

        public string Capabilities { get { return Text(CapabilitiesField); } set { Set(CapabilitiesField, value); } }

        public long BufferCapacity { get { return Integer(BufferCapacityField); } set { Set(BufferCapacityField, value); } }

        public long BufferCeiling { get { return Integer(BufferCeilingField); } set { Set(BufferCeilingField, value); } }

        public long HeartbeatMs { get { return Integer(HeartbeatMsField); } set { Set(HeartbeatMsField, value); } }

        public long MaxFlows { get { return Integer(MaxFlowsField); } set { Set(MaxFlowsField, value); } }

        public long TimestampMs { get { return Integer(TimestampField); } set { Set(TimestampField, value); } }

        /// <summary>The flows this node can source, as a <see cref="FlowSet"/> ("0-3,9"); empty: any flow.</summary>
        public string Sources { get { return Text(SourcesField); } set { Set(SourcesField, value); } }

        /// <summary>True when the node names the flows it can source and <paramref name="flow"/> is not among them.</summary>
        public static bool Excludes(string sources, int flow)
        {
            return sources != null && sources.Length > 0 && !FlowSet.Contains(sources, flow);
        }

        protected override ProtocolError Validate()
        {
            if (!IsPresent(BufferCeilingField))
            {
                BufferCeiling = BufferCapacity;
            }

            bool badSources = Sources != null && Sources.Length > 0 && !FlowSet.IsValid(Sources);
            return HeartbeatMs < 100 || BufferCeiling < BufferCapacity || badSources ? ProtocolError.OutOfRange : ProtocolError.None;
        }
    }
}
