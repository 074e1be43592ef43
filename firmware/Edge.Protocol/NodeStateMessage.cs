namespace Edge.Protocol
{
    /// <summary>
    /// Retained availability on node/{id}/state: the node publishes online after its birth, and registers the
    /// offline form (same session) as its MQTT Last Will at connect time.
    /// </summary>
    public sealed class NodeStateMessage : JsonMessage
    {
        private static readonly JsonFields Table = new JsonFields();
        private static readonly JsonField OnlineField = Table.Flag("online");
        private static readonly JsonField SessionField = Table.Count("session", ProtocolLimits.MaxUInt32);
        private static readonly JsonField TimestampField = Table.Count("timestamp", long.MaxValue).Or(0L);

        // Only a node that stops on purpose says so; its Will (the broker's word for a lost connection) never does.
        private static readonly JsonField PlannedField = Table.Flag("planned").Or(false).Sparse();

        public NodeStateMessage()
            : base(Table)
        {
        }

        public bool Online { get { return Flag(OnlineField); } set { Set(OnlineField, value); } }

        public long Session { get { return Integer(SessionField); } set { Set(SessionField, value); } }

        public long TimestampMs { get { return Integer(TimestampField); } set { Set(TimestampField, value); } }

        /// <summary>Offline on purpose (a clean stop, a scale-in): its flows move, but it is not a failure.</summary>
        public bool Planned { get { return Flag(PlannedField); } set { Set(PlannedField, value); } }
    }
}
