namespace Edge.Node.Core.Agent
{
    /// <summary>
    /// Putting back what a board kept on its own storage across a restart (the Raspberry Pi's spill files), before
    /// the agent first connects. A restored lane is exactly the lane the previous process had: same flow, epoch and
    /// serving state, holding its unacknowledged samples from their first sequence on. The owner message the node
    /// receives after connecting then applies as usual: a newer epoch naming this node releases what lies below its
    /// resumeFrom (committed meanwhile) and keeps the rest to send; one naming another node drops what lies from
    /// resumeFrom on; an owner message with the restored epoch changes nothing and the held samples are resent.
    /// </summary>
    public sealed partial class NodeAgent
    {
        /// <summary>
        /// Opens the lane of <paramref name="flow"/> with its held samples starting at <paramref name="firstSequence"/>
        /// (everything below it was acknowledged). False when the flow already has a lane or none is free.
        /// </summary>
        public bool RestoreLane(int flow, long epoch, bool serving, long firstSequence)
        {
            if (flow < 0 || firstSequence < 0 || Find(flow) != null)
            {
                return false;
            }

            FlowLane lane = FreeLane();
            if (lane == null)
            {
                return false;
            }

            lane.Flow = flow;
            lane.Epoch = epoch;
            lane.Serving = serving;
            lane.Ring.Restart(firstSequence, _pool);
            lane.AckedNext = firstSequence;
            lane.NextSend = firstSequence;
            lane.Resending = false;
            return true;
        }

        /// <summary>
        /// Appends a held sample to a restored lane as its next sequence, served or not. The buffer's budget grows
        /// (up to its ceiling) to take what was held before the restart; false when even the ceiling is full.
        /// </summary>
        public bool RestoreSample(int flow, long timeMs, double value)
        {
            FlowLane lane = Find(flow);
            if (lane == null || double.IsNaN(value) || double.IsInfinity(value))
            {
                return false;
            }

            while (!lane.Ring.Append(timeMs, value, _pool))
            {
                int capacity = _pool.CapacityBlocks;
                if (capacity >= _settings.Buffer.CeilingBlocks)
                {
                    return false;
                }

                _sizer.Budget.Reset(capacity + 1);
                _pool.SetCapacity(_sizer.Budget.CapacityBlocks);
                if (_pool.CapacityBlocks <= capacity)
                {
                    return false;
                }
            }

            return true;
        }
    }
}
