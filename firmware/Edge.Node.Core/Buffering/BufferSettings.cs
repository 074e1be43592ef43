using System;

namespace Edge.Node.Core.Buffering
{
    /// <summary>
    /// The physics of one node's store-and-forward buffer. Defaults suit an ESP32 without PSRAM sending a few dozen
    /// samples a step; the bench sets its own values relative to each trace and explains them in its README.
    /// </summary>
    public sealed class BufferSettings
    {
        /// <summary>Samples per block: capacity moves in blocks because memory and flash are allocated in pages.</summary>
        public int BlockSize = 32;

        public int FloorBlocks = 1;

        public int CeilingBlocks = 64;

        /// <summary>Steps between asking for more capacity and having it (allocation, flash erase, uplink share).</summary>
        public int ExpansionLatency = 2;

        /// <summary>Capacity shrinks only when it is at least this many blocks above what is wanted.</summary>
        public int ShrinkHysteresisBlocks = 1;

        /// <summary>...and only after wanting less for this many consecutive steps.</summary>
        public int ShrinkHoldSteps = 3;

        /// <summary>Samples the uplink takes per step.</summary>
        public int DrainPerStep = 64;

        /// <summary>Samples a secondary store (flash, SD) can take when the buffer is full; 0 = none, overflow is dropped.</summary>
        public int SpillCapacity;

        public int FloorSamples
        {
            get { return FloorBlocks * BlockSize; }
        }

        public int CeilingSamples
        {
            get { return CeilingBlocks * BlockSize; }
        }

        /// <summary>Blocks needed to hold <paramref name="samples"/> (rounded up).</summary>
        public int BlocksFor(long samples)
        {
            if (samples <= 0)
            {
                return 0;
            }

            long blocks = (samples + BlockSize - 1) / BlockSize;
            return blocks > int.MaxValue ? int.MaxValue : (int)blocks;
        }

        public void Validate()
        {
            if (BlockSize < 1)
            {
                throw new ArgumentException("BlockSize must be at least 1.");
            }

            if (FloorBlocks < 0 || CeilingBlocks < FloorBlocks || CeilingBlocks < 1)
            {
                throw new ArgumentException("Need 0 <= FloorBlocks <= CeilingBlocks and CeilingBlocks >= 1.");
            }

            if ((long)CeilingBlocks * BlockSize > int.MaxValue)
            {
                throw new ArgumentException("CeilingBlocks * BlockSize must fit in an int.");
            }

            if (ExpansionLatency < 0 || ShrinkHysteresisBlocks < 0 || ShrinkHoldSteps < 0 || DrainPerStep < 0 || SpillCapacity < 0)
            {
                throw new ArgumentException("Latency, hysteresis, hold, drain and spill capacity cannot be negative.");
            }
        }
    }
}
