namespace Edge.Protocol
{
    /// <summary>
    /// Gateway to dashboards, retained on rollup/{window}/fleet and rollup/{window}/flow/{flow}: the last closed
    /// window's statistics. Flow is -1 for the fleet rollup.
    /// </summary>
    public sealed class RollupMessage : JsonMessage
    {
        private static readonly JsonFields Table = new JsonFields();
        private static readonly JsonField WindowField = Table.Text("window");
        private static readonly JsonField FlowField = Table.Integer("flow", -1, 0xFFFF).Cleared(-1);
        private static readonly JsonField StartField = Table.Count("start", long.MaxValue);
        private static readonly JsonField EndField = Table.Count("end", long.MaxValue);
        private static readonly JsonField CountField = Table.Count("count", long.MaxValue);
        private static readonly JsonField SumField = Table.Real("sum");
        private static readonly JsonField MinField = Table.Real("min");
        private static readonly JsonField MaxField = Table.Real("max");
        private static readonly JsonField MeanField = Table.Real("mean");
        private static readonly JsonField P50Field = Table.Real("p50");
        private static readonly JsonField P90Field = Table.Real("p90");
        private static readonly JsonField P99Field = Table.Real("p99");

        public RollupMessage()
            : base(Table)
        {
        }

        public string Window { get { return Text(WindowField); } set { Set(WindowField, value); } }

        public int Flow { get { return (int)Integer(FlowField); } set { Set(FlowField, value); } }

        public long StartMs { get { return Integer(StartField); } set { Set(StartField, value); } }

        public long EndMs { get { return Integer(EndField); } set { Set(EndField, value); } }

        public long Count { get { return Integer(CountField); } set { Set(CountField, value); } }

        public double Sum { get { return Real(SumField); } set { Set(SumField, value); } }

        public double Min { get { return Real(MinField); } set { Set(MinField, value); } }

        public double Max { get { return Real(MaxField); } set { Set(MaxField, value); } }

        public double Mean { get { return Real(MeanField); } set { Set(MeanField, value); } }

        public double P50 { get { return Real(P50Field); } set { Set(P50Field, value); } }

        public double P90 { get { return Real(P90Field); } set { Set(P90Field, value); } }

        public double P99 { get { return Real(P99Field); } set { Set(P99Field, value); } }

        protected override ProtocolError Validate()
        {
            return EndMs < StartMs ? ProtocolError.OutOfRange : ProtocolError.None;
        }
    }
}
