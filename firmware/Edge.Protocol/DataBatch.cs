namespace Edge.Protocol
{
    /// <summary>
    /// Consecutive samples of one flow: sample i has sequence FirstSequence + i and time BaseTimeMs + OffsetsMs[i].
    /// Preallocated and reused, so building or decoding a batch allocates nothing per sample.
    /// </summary>
    public sealed class DataBatch
    {
        public int Flow;
        public long Session;
        public long FirstSequence;
        public int Flags;
        public long BaseTimeMs;
        public int Count;
        public readonly long[] OffsetsMs;
        public readonly double[] Values;

        public DataBatch()
            : this(ProtocolLimits.MaxBatchSamples)
        {
        }

        public DataBatch(int capacity)
        {
            OffsetsMs = new long[capacity];
            Values = new double[capacity];
        }

        public int Capacity
        {
            get { return Values.Length; }
        }

        public long LastSequence
        {
            get { return FirstSequence + Count - 1; }
        }

        public long TimeMs(int index)
        {
            return BaseTimeMs + OffsetsMs[index];
        }

        public void Clear()
        {
            Flow = 0;
            Session = 0;
            FirstSequence = 0;
            Flags = 0;
            BaseTimeMs = 0;
            Count = 0;
        }

        /// <summary>Appends a sample; false when the batch is full or the time cannot be expressed as an offset.</summary>
        public bool TryAdd(long timeMs, double value)
        {
            if (Count == Values.Length)
            {
                return false;
            }

            if (Count == 0)
            {
                BaseTimeMs = timeMs;
            }

            long offset = timeMs - BaseTimeMs;
            if (offset < 0 || offset > ProtocolLimits.MaxUInt32 || (Count > 0 && offset < OffsetsMs[Count - 1]))
            {
                return false;
            }

            OffsetsMs[Count] = offset;
            Values[Count] = value;
            Count++;
            return true;
        }

        public void CopyFrom(DataBatch other)
        {
            Flow = other.Flow;
            Session = other.Session;
            FirstSequence = other.FirstSequence;
            Flags = other.Flags;
            BaseTimeMs = other.BaseTimeMs;
            Count = other.Count;
            for (int i = 0; i < Count; i++)
            {
                OffsetsMs[i] = other.OffsetsMs[i];
                Values[i] = other.Values[i];
            }
        }
    }
}
