using System;
using System.IO;
using Edge.Node.Core.Storage;

namespace Edge.Node.Core.Agent
{
    /// <summary>
    /// The ESP32's durable store: an append-only ring of fixed-size blocks on internal flash, one file per slot, so
    /// unacknowledged samples survive a reboot. Every agent tick <see cref="Sync"/> copies the samples the agent holds
    /// and has not yet stored into an open block in RAM, in sequence order per flow, and drops from that block what
    /// the gateway acknowledged meanwhile. A block is written whole, once: when it is full, or when its oldest sample
    /// has waited <see cref="FlushAfterMs"/> unacknowledged (while the gateway keeps up, nothing is written and the
    /// flash does not wear). Each written block ends with a mark record per flow (acknowledged watermark, epoch, serving), so the
    /// newest block says which flows were held and from where. A slot is overwritten only when nothing in it is
    /// still unacknowledged: a full ring stops storing (the agent keeps the samples in RAM) instead of losing any.
    /// The record and block formats are the core's Storage (shared with the Raspberry Pi's spill); the host gives one
    /// <see cref="IStoreFile"/> per slot. Bounded: slots x block bytes of flash; two blocks and a time per record of
    /// RAM. Runs on the agent's thread. The incarnation of a flow is 8 bits: a block 256 restarts of one flow old could
    /// only come back if it had stayed in the ring unacknowledged through all of them.
    /// </summary>
    public sealed partial class FlashRing
    {
        public const int DefaultBlockBytes = 4096;
        public const int DefaultSlots = 24;
        public const long DefaultFlushAfterMs = 60000;

        private readonly IStoreFile[] _slots;
        private readonly int _blockBytes;
        private readonly int _maxFlows;
        private readonly byte[] _block;
        private readonly byte[] _scratch;
        private readonly long[] _addedMs;

        // Per tracked flow (index t): the flow, what of it is in blocks already, its lane state at the last Sync.
        private readonly int[] _flow;
        private readonly int[] _incarnation;
        private readonly long[] _stored;
        private readonly long[] _head;
        private readonly long[] _epoch;
        private readonly bool[] _serving;

        private int _pendingSamples;
        private long _generation;
        private int _nextSlot;
        private int _nextIncarnation;

        // The slot that was last found holding an unacknowledged sample, and which: no need to read it again until
        // that flow's acknowledged watermark has passed the sample.
        private int _blockedFlow = -1;
        private int _blockedIncarnation;
        private long _blockedSequence;

        /// <param name="slots">One file per block; the ring holds slots.Length blocks.</param>
        /// <param name="blockBytes">Bytes per block: the flash's erase unit (4096 on the ESP32's SPI flash).</param>
        /// <param name="maxFlows">Flows the agent can hold at once (its lanes); each block keeps room for their marks.</param>
        public FlashRing(IStoreFile[] slots, int blockBytes, int maxFlows)
        {
            if (slots == null || slots.Length < 2)
            {
                throw new ArgumentException("a ring needs at least two slots", "slots");
            }

            if (maxFlows < 1 || BlockFormat.RecordsPerBlock(blockBytes) < maxFlows + 1 || blockBytes > 65535)
            {
                throw new ArgumentException("a block must hold a mark per flow and at least one sample", "blockBytes");
            }

            _slots = slots;
            _blockBytes = blockBytes;
            _maxFlows = maxFlows;
            _block = new byte[blockBytes];
            _scratch = new byte[blockBytes];
            _addedMs = new long[BlockFormat.RecordsPerBlock(blockBytes)];
            _flow = new int[maxFlows];
            _incarnation = new int[maxFlows];
            _stored = new long[maxFlows];
            _head = new long[maxFlows];
            _epoch = new long[maxFlows];
            _serving = new bool[maxFlows];
            for (int t = 0; t < maxFlows; t++)
            {
                _flow[t] = -1;
            }

            FlushAfterMs = DefaultFlushAfterMs;
        }

        /// <summary>How long a sample may wait unacknowledged in the open block before the block is written anyway.</summary>
        public long FlushAfterMs { get; set; }

        /// <summary>Samples per block: the block's records less one mark per flow.</summary>
        public int SamplesPerBlock
        {
            get { return BlockFormat.RecordsPerBlock(_blockBytes) - _maxFlows; }
        }

        public long BlocksWritten { get; private set; }

        /// <summary>Samples that reached flash in a written block since start.</summary>
        public long SamplesWritten { get; private set; }

        /// <summary>Open blocks dropped unwritten because the gateway had acknowledged all they held.</summary>
        public long BlocksSkipped { get; private set; }

        /// <summary>Times the next slot still held unacknowledged samples, so nothing more could be stored.</summary>
        public long RingFull { get; private set; }

        /// <summary>Block writes that failed (flash full or faulty); the block stays open and is tried again.</summary>
        public long Faults { get; private set; }

        /// <summary>
        /// Brings the ring up to date with the agent: untracks freed lanes, notices restarted or truncated ones, stores
        /// new samples into the open block and writes it when it is full or old enough. Never throws for flash errors.
        /// </summary>
        public void Sync(NodeAgent agent, long nowMs)
        {
            Track(agent);
            Compact();
            for (int i = 0; i < agent.LaneCount; i++)
            {
                FlowLane lane = agent.Lane(i);
                if (!lane.InUse)
                {
                    continue;
                }

                int t = Find(lane.Flow);
                long end = lane.Ring.EndSequence;
                while (_stored[t] < end)
                {
                    if (_pendingSamples == SamplesPerBlock && !Seal())
                    {
                        return;
                    }

                    long sequence = _stored[t];
                    SampleRecord.Write(_block, BlockFormat.RecordOffset(_pendingSamples), SampleRecord.KindSample, lane.Flow, _incarnation[t], sequence, lane.Ring.TimeAt(sequence), lane.Ring.ValueAt(sequence));
                    _addedMs[_pendingSamples] = nowMs;
                    _pendingSamples++;
                    _stored[t] = sequence + 1;
                    if (_pendingSamples == SamplesPerBlock && !Seal())
                    {
                        return;
                    }
                }
            }

            if (_pendingSamples > 0 && nowMs - _addedMs[0] >= FlushAfterMs)
            {
                Seal();
            }
        }

        /// <summary>Writes the open block now, if it holds anything unacknowledged (a clean stop, a reboot command).</summary>
        public bool Flush(NodeAgent agent)
        {
            Track(agent);
            return _pendingSamples == 0 || Seal();
        }

        private void Track(NodeAgent agent)
        {
            for (int t = 0; t < _maxFlows; t++)
            {
                if (_flow[t] >= 0 && !HasLane(agent, _flow[t]))
                {
                    // The agent freed the lane: everything it held was acknowledged or handed to another node.
                    _flow[t] = -1;
                }
            }

            for (int i = 0; i < agent.LaneCount; i++)
            {
                FlowLane lane = agent.Lane(i);
                if (!lane.InUse)
                {
                    continue;
                }

                long head = lane.Ring.HeadSequence;
                long end = lane.Ring.EndSequence;
                int t = Find(lane.Flow);
                if (t < 0)
                {
                    t = Free();
                    _flow[t] = lane.Flow;
                    _incarnation[t] = NextIncarnation();
                    _stored[t] = head;
                }
                else if (head < _head[t] || end < _stored[t])
                {
                    // Restarted at an earlier resumeFrom or truncated for another node: what is in the blocks is no
                    // longer what the lane holds. A new incarnation, and its samples are stored again from the head.
                    _incarnation[t] = NextIncarnation();
                    _stored[t] = head;
                }

                if (_stored[t] < head)
                {
                    // Acknowledged before it was ever stored: nothing to keep.
                    _stored[t] = head;
                }

                _head[t] = head;
                _epoch[t] = lane.Epoch;
                _serving[t] = lane.Serving;
            }
        }

        /// <summary>Writes the open block into the next slot; false when it could not (ring full, flash error).</summary>
        private bool Seal()
        {
            if (!HoldsUnacknowledged(_block, _pendingSamples))
            {
                BlocksSkipped++;
                ClearPending();
                return true;
            }

            int slot = _nextSlot;
            if (!SlotFree(slot))
            {
                RingFull++;
                return false;
            }

            int records = _pendingSamples;
            for (int t = 0; t < _maxFlows; t++)
            {
                if (_flow[t] >= 0)
                {
                    SampleRecord.Write(_block, BlockFormat.RecordOffset(records), SampleRecord.KindMark, _flow[t], _incarnation[t], _head[t], _epoch[t], _serving[t] ? 1 : 0);
                    records++;
                }
            }

            BlockFormat.Seal(_block, _blockBytes, _generation, records);
            try
            {
                _slots[slot].Write(0, _block, 0, _blockBytes);
                _slots[slot].Flush();
            }
            catch (IOException)
            {
                Faults++;
                return false;
            }

            _generation++;
            _nextSlot = (slot + 1) % _slots.Length;
            BlocksWritten++;
            SamplesWritten += _pendingSamples;
            ClearPending();
            return true;
        }

        private void ClearPending()
        {
            _pendingSamples = 0;
        }

        /// <summary>
        /// Drops from the open block what the gateway acknowledged meanwhile, so a block is written only for samples
        /// that stayed unacknowledged, and its age is that of the oldest of them.
        /// </summary>
        private void Compact()
        {
            int kept = 0;
            for (int r = 0; r < _pendingSamples; r++)
            {
                int o = BlockFormat.RecordOffset(r);
                if (!Live(SampleRecord.Flow(_block, o), SampleRecord.Incarnation(_block, o), SampleRecord.Sequence(_block, o)))
                {
                    continue;
                }

                if (kept != r)
                {
                    Array.Copy(_block, o, _block, BlockFormat.RecordOffset(kept), SampleRecord.Bytes);
                    _addedMs[kept] = _addedMs[r];
                }

                kept++;
            }

            _pendingSamples = kept;
        }

        /// <summary>True when some sample record of the block is at or above its flow's acknowledged watermark.</summary>
        private bool HoldsUnacknowledged(byte[] block, int records)
        {
            for (int r = 0; r < records; r++)
            {
                int o = BlockFormat.RecordOffset(r);
                if (SampleRecord.Kind(block, o) == SampleRecord.KindSample && Live(SampleRecord.Flow(block, o), SampleRecord.Incarnation(block, o), SampleRecord.Sequence(block, o)))
                {
                    return true;
                }
            }

            return false;
        }

        private bool SlotFree(int slot)
        {
            if (_blockedFlow >= 0 && Live(_blockedFlow, _blockedIncarnation, _blockedSequence))
            {
                return false;
            }

            _blockedFlow = -1;
            int records = ReadBlock(slot, _scratch);
            for (int r = 0; r < records; r++)
            {
                int o = BlockFormat.RecordOffset(r);
                if (SampleRecord.Kind(_scratch, o) != SampleRecord.KindSample)
                {
                    continue;
                }

                int flow = SampleRecord.Flow(_scratch, o);
                int incarnation = SampleRecord.Incarnation(_scratch, o);
                long sequence = SampleRecord.Sequence(_scratch, o);
                if (Live(flow, incarnation, sequence))
                {
                    _blockedFlow = flow;
                    _blockedIncarnation = incarnation;
                    _blockedSequence = sequence;
                    return false;
                }
            }

            return true;
        }

        /// <summary>A stored sample still needed: its flow is held in the same incarnation and not acknowledged past it.</summary>
        private bool Live(int flow, int incarnation, long sequence)
        {
            int t = Find(flow);
            return t >= 0 && _incarnation[t] == incarnation && sequence >= _head[t];
        }

        /// <summary>The record count of the sound block in a slot, read into <paramref name="buffer"/>; 0 when none.</summary>
        private int ReadBlock(int slot, byte[] buffer)
        {
            int length;
            try
            {
                length = ReadFully(_slots[slot], buffer);
            }
            catch (IOException)
            {
                Faults++;
                return 0;
            }

            int records = BlockFormat.Check(buffer, length, _blockBytes);
            return records < 0 ? 0 : records;
        }

        private int ReadFully(IStoreFile file, byte[] buffer)
        {
            int length = 0;
            int read;
            while (length < _blockBytes && (read = file.Read(length, buffer, length, _blockBytes - length)) > 0)
            {
                length += read;
            }

            return length;
        }

        private int NextIncarnation()
        {
            int value = _nextIncarnation;
            _nextIncarnation = (_nextIncarnation + 1) & 0xFF;
            return value;
        }

        private int Find(int flow)
        {
            for (int t = 0; t < _maxFlows; t++)
            {
                if (_flow[t] == flow)
                {
                    return t;
                }
            }

            return -1;
        }

        private int Free()
        {
            int t = Find(-1);
            if (t < 0)
            {
                throw new InvalidOperationException("the agent holds more flows than the ring was made for");
            }

            return t;
        }

        private static bool HasLane(NodeAgent agent, int flow)
        {
            for (int i = 0; i < agent.LaneCount; i++)
            {
                FlowLane lane = agent.Lane(i);
                if (lane.InUse && lane.Flow == flow)
                {
                    return true;
                }
            }

            return false;
        }
    }
}
