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


        // Optional, added within v1: old readers skip it (unknown members are ignored), and a bad one costs only itself.
        private static readonly JsonField LanesField = Table.Bytes("lanes", MaxLanes * LaneBytes).Or("").Sparse().Tolerant();

        /// <summary>Lanes one heartbeat reports at most (docs/PROTOCOL.md 3.3): 64 x 24 bytes, 2048 characters of base64.</summary>
        public const int MaxLanes = 64;

        /// <summary>One lane record: flow u16, flags u8 (bit 0 pre-expanded), reserved u8, share u32, rate f64, forecast f64.</summary>
        public const int LaneBytes = 24;

        public const int LanePreExpandedFlag = 1;

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

        /// <summary>Lanes in the report (0 when absent or dropped as bad, see <see cref="LanesError"/>).</summary>
        public int LaneCount
        {
            get { return BytesLength(LanesField) / LaneBytes; }
        }

        /// <summary>Why the last read dropped the lane report (None when it was absent or good); the rest of the message stands.</summary>
        public ProtocolError LanesError
        {
            get { return MemberError(LanesField); }
        }

        public int LaneFlow(int lane)
        {
            return LittleEndian.ReadUInt16(BytesOf(LanesField), lane * LaneBytes);
        }

        public bool LanePreExpanded(int lane)
        {
            return (BytesOf(LanesField)[(lane * LaneBytes) + 2] & LanePreExpandedFlag) != 0;
        }

        /// <summary>The lane's arrivals per second over the last step.</summary>
        public double LaneRate(int lane)
        {
            return LittleEndian.ReadDouble(BytesOf(LanesField), (lane * LaneBytes) + 8);
        }

        /// <summary>The lane predictor's upper bound of arrivals per step over the next step.</summary>
        public double LaneForecast(int lane)
        {
            return LittleEndian.ReadDouble(BytesOf(LanesField), (lane * LaneBytes) + 16);
        }

        /// <summary>Samples the lane may hold now: its share of the node's pool (it grows ahead of a burst the lane forecasts).</summary>
        public long LaneShare(int lane)
        {
            return LittleEndian.ReadUInt32(BytesOf(LanesField), (lane * LaneBytes) + 4);
        }

        /// <summary>Empties the lane report (the message's other members keep their values).</summary>
        public void ClearLanes()
        {
            SetBytesLength(LanesField, 0);
        }

        /// <summary>Appends one lane, in place; false (nothing written) when the report is full or a value is out of its rule.</summary>
        public bool AddLane(int flow, long share, double rate, double forecast, bool preExpanded)
        {
            int offset = BytesLength(LanesField);
            byte[] bytes = BytesOf(LanesField);
            if (offset + LaneBytes > bytes.Length || flow < 0 || flow > FlowSet.MaxFlow || share < 0 || share > ProtocolLimits.MaxUInt32 || !IsAmount(rate) || !IsAmount(forecast))
            {
                return false;
            }

            LittleEndian.WriteUInt16(bytes, offset, flow);
            bytes[offset + 2] = (byte)(preExpanded ? LanePreExpandedFlag : 0);
            bytes[offset + 3] = 0;
            LittleEndian.WriteUInt32(bytes, offset + 4, share);
            LittleEndian.WriteDouble(bytes, offset + 8, rate);
            LittleEndian.WriteDouble(bytes, offset + 16, forecast);
            SetBytesLength(LanesField, offset + LaneBytes);
            return true;
        }

        protected override ProtocolError Validate()
        {
            if (BufferFill > BufferCapacity)
            {
                return ProtocolError.OutOfRange;
            }

            ProtocolError lanes = CheckLanes();
            if (lanes != ProtocolError.None)
            {
                RejectMember(LanesField, lanes);
            }

            return ProtocolError.None;
        }

        private static bool IsAmount(double value)
        {
            return !double.IsNaN(value) && !double.IsInfinity(value) && value >= 0;
        }

        // A whole number of records, each finite and not negative, no flow twice: else the report is dropped whole.
        private ProtocolError CheckLanes()
        {
            if (BytesLength(LanesField) % LaneBytes != 0)
            {
                return ProtocolError.LengthMismatch;
            }

            int count = LaneCount;
            for (int i = 0; i < count; i++)
            {
                double rate = LaneRate(i);
                double forecast = LaneForecast(i);
                if (double.IsNaN(rate) || double.IsInfinity(rate) || double.IsNaN(forecast) || double.IsInfinity(forecast))
                {
                    return ProtocolError.NotFinite;
                }

                if (rate < 0 || forecast < 0)
                {
                    return ProtocolError.NegativeValue;
                }

                for (int k = 0; k < i; k++)
                {
                    if (LaneFlow(k) == LaneFlow(i))
                    {
                        return ProtocolError.OutOfRange;
                    }
                }
            }

            return ProtocolError.None;
        }
    }
}
