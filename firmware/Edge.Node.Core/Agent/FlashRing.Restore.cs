using Edge.Node.Core.Storage;

namespace Edge.Node.Core.Agent
{
    /// <summary>
    /// Recovery after a reboot: every slot is read and checked (a torn or corrupt block counts as never written), the
    /// newest sound block's marks say which flows were held, with their epoch, serving state and acknowledged
    /// watermark, and the sample records of each flow's incarnation are given back to the agent in sequence order
    /// from the watermark, oldest block first, up to the first missing sequence.
    /// </summary>
    public sealed partial class FlashRing
    {
        /// <summary>Flows put back by the last <see cref="RestoreInto"/>.</summary>
        public int RestoredFlows { get; private set; }

        /// <summary>Samples put back by the last <see cref="RestoreInto"/>.</summary>
        public long RestoredSamples { get; private set; }

        /// <summary>Slots whose block was torn or corrupt at the last <see cref="RestoreInto"/>.</summary>
        public int UnreadableSlots { get; private set; }

        /// <summary>
        /// Reads the ring and gives the agent back the lanes the newest block describes with their unacknowledged
        /// samples. Call once, on a fresh agent, before it first connects; then <see cref="Sync"/> as usual.
        /// </summary>
        public void RestoreInto(NodeAgent agent)
        {
            int n = _slots.Length;
            long[] generation = new long[n];
            int newest = -1;
            int maxIncarnation = -1;
            UnreadableSlots = 0;
            for (int s = 0; s < n; s++)
            {
                generation[s] = -1;
                int records = ReadBlock(s, _scratch);
                if (records == 0)
                {
                    if (_slots[s].Length > 0)
                    {
                        UnreadableSlots++;
                    }

                    continue;
                }

                generation[s] = BlockFormat.Generation(_scratch);
                if (newest < 0 || generation[s] > generation[newest])
                {
                    newest = s;
                }

                for (int r = 0; r < records; r++)
                {
                    int incarnation = SampleRecord.Incarnation(_scratch, BlockFormat.RecordOffset(r));
                    if (incarnation > maxIncarnation)
                    {
                        maxIncarnation = incarnation;
                    }
                }
            }

            RestoredFlows = 0;
            RestoredSamples = 0;
            if (newest < 0)
            {
                return;
            }

            _generation = generation[newest] + 1;
            _nextSlot = (newest + 1) % n;
            _nextIncarnation = (maxIncarnation + 1) & 0xFF;
            RestoreMarks(agent, newest);
            RestoreSamples(agent, generation);
        }

        private void RestoreMarks(NodeAgent agent, int newest)
        {
            int records = ReadBlock(newest, _scratch);
            for (int r = 0; r < records; r++)
            {
                int o = BlockFormat.RecordOffset(r);
                if (SampleRecord.Kind(_scratch, o) != SampleRecord.KindMark)
                {
                    continue;
                }

                int flow = SampleRecord.Flow(_scratch, o);
                long next = SampleRecord.Sequence(_scratch, o);
                long epoch = SampleRecord.TimeMs(_scratch, o);
                bool serving = SampleRecord.Value(_scratch, o) != 0;
                int t = Find(-1);
                if (t < 0 || Find(flow) >= 0 || !agent.RestoreLane(flow, epoch, serving, next))
                {
                    continue;
                }

                _flow[t] = flow;
                _incarnation[t] = SampleRecord.Incarnation(_scratch, o);
                _stored[t] = next;
                _head[t] = next;
                _epoch[t] = epoch;
                _serving[t] = serving;
                RestoredFlows++;
            }
        }

        private void RestoreSamples(NodeAgent agent, long[] generation)
        {
            // Oldest block first: each flow's samples were stored in sequence order, block after block.
            bool[] done = new bool[_slots.Length];
            bool[] stopped = new bool[_maxFlows];
            while (true)
            {
                int oldest = -1;
                for (int s = 0; s < _slots.Length; s++)
                {
                    if (!done[s] && generation[s] >= 0 && (oldest < 0 || generation[s] < generation[oldest]))
                    {
                        oldest = s;
                    }
                }

                if (oldest < 0)
                {
                    return;
                }

                done[oldest] = true;
                int records = ReadBlock(oldest, _scratch);
                for (int r = 0; r < records; r++)
                {
                    int o = BlockFormat.RecordOffset(r);
                    int t = Find(SampleRecord.Flow(_scratch, o));
                    if (t < 0 || stopped[t] || SampleRecord.Kind(_scratch, o) != SampleRecord.KindSample || SampleRecord.Incarnation(_scratch, o) != _incarnation[t])
                    {
                        continue;
                    }

                    long sequence = SampleRecord.Sequence(_scratch, o);
                    if (sequence < _stored[t])
                    {
                        continue;
                    }

                    // A missing sequence (a block lost to a flipped bit) ends the flow here: the gateway commits in
                    // order, so samples past a hole could never be acknowledged.
                    if (sequence > _stored[t] || !agent.RestoreSample(_flow[t], SampleRecord.TimeMs(_scratch, o), SampleRecord.Value(_scratch, o)))
                    {
                        stopped[t] = true;
                        continue;
                    }

                    _stored[t] = sequence + 1;
                    RestoredSamples++;
                }
            }
        }
    }
}
