namespace Edge.Protocol
{
    /// <summary>
    /// Retained on gateway/{id}/state, with the offline form as the gateway's Last Will. Nodes send data only
    /// while a primary gateway says online (Sparkplug's STATE does the same job). Token is the leader's fencing
    /// token (the etcd election revision in the HA mode, 0 for a single gateway): nodes follow the primary with
    /// the newest token, so an old leader that wakes up after a pause is ignored. Since is when it became primary.
    /// A gateway that counts a node's data batches as heartbeats says so (dataBeats), and its nodes then send
    /// telemetry alone only when idle.
    /// </summary>
    public sealed class GatewayStateMessage : JsonMessage
    {
        private static readonly JsonFields Table = new JsonFields();
        private static readonly JsonField GatewayField = Table.Id("gateway");
        private static readonly JsonField OnlineField = Table.Flag("online");
        private static readonly JsonField PrimaryField = Table.Flag("primary").Or(false);
        private static readonly JsonField TimestampField = Table.Count("timestamp", long.MaxValue).Or(0L);
        private static readonly JsonField TokenField = Table.Count("token", long.MaxValue).Or(0L);
        private static readonly JsonField SinceField = Table.Count("since", long.MaxValue).Or(0L);
        private static readonly JsonField DataBeatsField = Table.Flag("dataBeats").Or(false).Sparse();

        public GatewayStateMessage()
            : base(Table)
        {
        }

        public string Gateway { get { return Text(GatewayField); } set { Set(GatewayField, value); } }

        public bool Online { get { return Flag(OnlineField); } set { Set(OnlineField, value); } }

        public bool Primary { get { return Flag(PrimaryField); } set { Set(PrimaryField, value); } }

        public long TimestampMs { get { return Integer(TimestampField); } set { Set(TimestampField, value); } }

        public long Token { get { return Integer(TokenField); } set { Set(TokenField, value); } }

        public long SinceMs { get { return Integer(SinceField); } set { Set(SinceField, value); } }

        /// <summary>The gateway counts every data batch it receives as a heartbeat of its sender.</summary>
        public bool DataBeats { get { return Flag(DataBeatsField); } set { Set(DataBeatsField, value); } }
    }
}
