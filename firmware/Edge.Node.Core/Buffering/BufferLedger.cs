namespace Edge.Node.Core.Buffering
{
    /// <summary>
    /// Where every sample that arrived has gone. Kept as its own type so the real sample store reports the same
    /// numbers the bench does, and one check (IsBalanced) covers both.
    /// </summary>
    public sealed class BufferLedger
    {
        public long Arrived;
        public long Sent;
        public long Dropped;

        /// <summary>Samples that overflowed into the secondary store, over the whole run.</summary>
        public long SpilledTotal;

        /// <summary>Samples in the secondary store now (spilled and not yet sent).</summary>
        public long SpillHeld;

        public long ControlBuffered;
        public long BulkBuffered;

        public long Buffered
        {
            get { return ControlBuffered + BulkBuffered; }
        }

        /// <summary>arrived = sent + buffered + dropped + spilled (still held): nothing is created or lost unseen.</summary>
        public bool IsBalanced
        {
            get { return Arrived == Sent + Buffered + Dropped + SpillHeld; }
        }

        public void Clear()
        {
            Arrived = 0;
            Sent = 0;
            Dropped = 0;
            SpilledTotal = 0;
            SpillHeld = 0;
            ControlBuffered = 0;
            BulkBuffered = 0;
        }
    }
}
