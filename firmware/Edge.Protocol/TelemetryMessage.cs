namespace Edge.Protocol
{
    /// <summary>
    /// Heartbeat and load report on node/{id}/telemetry (QoS 0, every heartbeat period). The gateway's failure
    /// detector feeds on its arrival times and the balancer on its forecast and buffer headroom.
    /// </summary>
    public sealed class TelemetryMessage : JsonMessage
    {
        private static readonly JsonFields Table = new JsonFields();
        private static readonly JsonField SessionField = Table.Count("session", ProtocolLimits.MaxUInt32);
        private static readonly JsonField TimestampField = Table.Count("timestamp", long.MaxValue);
        private static readonly JsonField RateField = Table.Amount("rate");
        private static readonly JsonField ForecastField = Table.Amount("forecast");
        private static readonly JsonField HorizonField = Table.Count("horizon", 100000).Or(0L);
        private static readonly JsonField BufferFillField = Table.Count("bufferFill", long.MaxValue);
        private static readonly JsonField BufferCapacityField = Table.Count("bufferCapacity", long.MaxValue);
        private static readonly JsonField DroppedField = Table.Count("dropped", long.MaxValue);
        private static readonly JsonField SpilledField = Table.Count("spilled", long.MaxValue).Or(0L);
        private static readonly JsonField UnackedField = Table.Count("unacked", long.MaxValue).Or(0L);
        private static readonly JsonField FreeMemoryField = Table.Count("freeMemory", long.MaxValue).Or(0L);
        private static readonly JsonField PreExpandedField = Table.Flag("preExpanded").Or(false);
        private static readonly JsonField AlarmField = Table.Flag("alarm").Or(false);
        private static readonly JsonField ModelDroppedField = Table.Count("modelDropped", long.MaxValue).Or(0L).Sparse();
        private static readonly JsonField ReactiveDroppedField = Table.Count("reactiveDropped", long.MaxValue).Or(0L).Sparse();

        public TelemetryMessage()
            : base(Table)
        {
        }

        public long Session { get { return Integer(SessionField); } set { Set(SessionField, value); } }

        public long TimestampMs { get { return Integer(TimestampField); } set { Set(TimestampField, value); } }

        public double Rate { get { return Real(RateField); } set { Set(RateField, value); } }

        public double Forecast { get { return Real(ForecastField); } set { Set(ForecastField, value); } }

        public long Horizon { get { return Integer(HorizonField); } set { Set(HorizonField, value); } }

        public long BufferFill { get { return Integer(BufferFillField); } set { Set(BufferFillField, value); } }

        public long BufferCapacity { get { return Integer(BufferCapacityField); } set { Set(BufferCapacityField, value); } }

        public long Dropped { get { return Integer(DroppedField); } set { Set(DroppedField, value); } }

        public long Spilled { get { return Integer(SpilledField); } set { Set(SpilledField, value); } }

        public long Unacked { get { return Integer(UnackedField); } set { Set(UnackedField, value); } }

        public long FreeMemory { get { return Integer(FreeMemoryField); } set { Set(FreeMemoryField, value); } }

        public bool PreExpanded { get { return Flag(PreExpandedField); } set { Set(PreExpandedField, value); } }

        public bool Alarm { get { return Flag(AlarmField); } set { Set(AlarmField, value); } }

        /// <summary>Samples the node's predictive rule would have dropped behind its modeled uplink (see docs/PROTOCOL.md).</summary>
        public long ModelDropped { get { return Integer(ModelDroppedField); } set { Set(ModelDroppedField, value); } }

        /// <summary>Samples a reactive rule would have dropped on the same arrivals and uplink.</summary>
        public long ReactiveDropped { get { return Integer(ReactiveDroppedField); } set { Set(ReactiveDroppedField, value); } }

        protected override ProtocolError Validate()
        {
            return BufferFill > BufferCapacity ? ProtocolError.OutOfRange : ProtocolError.None;
        }
    }
}
