namespace Edge.Node.Core.Agent
{
    /// <summary>
    /// One flow as this node handles it: its held samples, what the gateway has committed (AckedNext), what to
    /// publish next, and whether the node still records new samples (serving) or only flushes what it holds.
    /// </summary>
    public sealed class FlowLane
    {
        public int Flow = -1;
        public long Epoch = -1;
        public long Token;
        public bool Serving;
        public long AckedNext;
        public long NextSend;
        public long LastSendMs;
        public long LastBatchMs;
        public bool Resending;
        public readonly FlowRing Ring;

        /// <summary>Blocks this lane may hold: its share of the node's pool, set every step by the <see cref="StoreSizer"/>.</summary>
        public int LimitBlocks = int.MaxValue;

        public FlowLane(int maxBlocks, int blockSize)
        {
            Ring = new FlowRing(maxBlocks, blockSize);
        }

        public bool InUse
        {
            get { return Flow >= 0; }
        }

        /// <summary>Held but not yet published.</summary>
        public long Unsent
        {
            get { return Ring.EndSequence - NextSend; }
        }

        /// <summary>Published but not yet acknowledged.</summary>
        public long InFlight
        {
            get { return NextSend - Ring.HeadSequence; }
        }

        public void Free(BlockPool pool)
        {
            Ring.Restart(0, pool);
            Flow = -1;
            Epoch = -1;
            Token = 0;
            Serving = false;
            AckedNext = 0;
            NextSend = 0;
            Resending = false;
        }
    }
}
