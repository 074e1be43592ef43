namespace Edge.Protocol
{
    /// <summary>
    /// Gateway or operator to node on node/{id}/cmd (QoS 1, not retained, so a command is never replayed to a
    /// node that reconnects later). "resend" needs flow and from; "rebirth" and "reboot" take nothing.
    /// </summary>
    public sealed class CommandMessage : JsonMessage
    {
        public const string Resend = "resend";
        public const string Rebirth = "rebirth";
        public const string Reboot = "reboot";

        private static readonly JsonFields Table = new JsonFields();
        private static readonly JsonField CommandField = Table.Text("cmd");
        private static readonly JsonField IdField = Table.Count("id", long.MaxValue).Or(0L);
        private static readonly JsonField FlowField = Table.Count("flow", 0xFFFF);
        private static readonly JsonField FromField = Table.Count("from", ProtocolLimits.MaxUInt32);

        public CommandMessage()
            : base(Table)
        {
        }

        public string Command { get { return Text(CommandField); } set { Set(CommandField, value); } }

        public long Id { get { return Integer(IdField); } set { Set(IdField, value); } }

        public int Flow { get { return (int)Integer(FlowField); } set { Set(FlowField, value); } }

        public long From { get { return Integer(FromField); } set { Set(FromField, value); } }

        /// <summary>Only a resend carries a flow and a position (the command member is read first).</summary>
        protected override bool Carries(JsonField field)
        {
            return (field != FlowField && field != FromField) || Command == Resend;
        }

        protected override ProtocolError Validate()
        {
            return Command == Resend || Command == Rebirth || Command == Reboot ? ProtocolError.None : ProtocolError.OutOfRange;
        }
    }
}
