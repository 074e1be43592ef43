namespace Edge.Protocol
{
    /// <summary>
    /// The assignment of one flow, retained on flow/{flow}/owner by the gateway. Epoch grows with every
    /// reassignment so a node ignores an older one; the new owner starts at ResumeFrom, the flow's committed
    /// sequence. An empty Node means the flow is unassigned. Token is the fencing token of the gateway that
    /// assigned it (see GatewayStateMessage): assignments are ordered by (token, epoch), so a newer leader's
    /// assignment wins over anything an older leader sends, whatever its epoch.
    /// </summary>
    public sealed class FlowOwnerMessage : JsonMessage
    {
        private static readonly JsonFields Table = new JsonFields();
        private static readonly JsonField FlowField = Table.Count("flow", 0xFFFF);
        private static readonly JsonField NodeField = Table.IdOrEmpty("node");
        private static readonly JsonField EpochField = Table.Count("epoch", long.MaxValue);
        private static readonly JsonField ResumeFromField = Table.Count("resumeFrom", ProtocolLimits.MaxUInt32);
        private static readonly JsonField WeightField = Table.Amount("weight").Or(1.0);
        private static readonly JsonField TokenField = Table.Count("token", long.MaxValue).Or(0L);

        public FlowOwnerMessage()
            : base(Table)
        {
        }

        public int Flow { get { return (int)Integer(FlowField); } set { Set(FlowField, value); } }

        public string Node { get { return Text(NodeField); } set { Set(NodeField, value); } }

        public long Epoch { get { return Integer(EpochField); } set { Set(EpochField, value); } }

        public long ResumeFrom { get { return Integer(ResumeFromField); } set { Set(ResumeFromField, value); } }

        public double Weight { get { return Real(WeightField); } set { Set(WeightField, value); } }

        public long Token { get { return Integer(TokenField); } set { Set(TokenField, value); } }
    }
}
