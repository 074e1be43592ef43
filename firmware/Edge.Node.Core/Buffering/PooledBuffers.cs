using System;

namespace Edge.Node.Core.Buffering
{
    /// <summary>
    /// Several flows on one node: one buffer per lane, sized by its own policy, all drawing from one
    /// <see cref="SharedPool"/> of blocks and draining through one uplink shared max-min fairly (a quiet lane's
    /// unused share goes to the busy ones). Each step: split the uplink, move every lane's samples, collect what
    /// each lane's policy wants, divide the pool, resize. No allocation per step.
    /// </summary>
    public sealed class PooledBuffers
    {
        private readonly PredictiveBuffer[] _lanes;
        private readonly SharedPool _pool;
        private readonly long _uplink;
        private readonly long[] _demand;
        private readonly long[] _share;
        private readonly bool[] _settled;

        public PooledBuffers(BufferSettings settings, ICapacityPolicy[] policies, int poolBlocks, long uplink)
        {
            if (policies == null || policies.Length == 0)
            {
                throw new ArgumentException("At least one lane is needed.");
            }

            int lanes = policies.Length;
            _lanes = new PredictiveBuffer[lanes];
            int start = poolBlocks / lanes;
            for (int i = 0; i < lanes; i++)
            {
                _lanes[i] = new PredictiveBuffer(settings, policies[i], start);
            }

            _pool = new SharedPool(lanes, poolBlocks);
            _uplink = uplink;
            _demand = new long[lanes];
            _share = new long[lanes];
            _settled = new bool[lanes];
        }

        public int Lanes
        {
            get { return _lanes.Length; }
        }

        public SharedPool Pool
        {
            get { return _pool; }
        }

        public PredictiveBuffer Lane(int lane)
        {
            return _lanes[lane];
        }

        /// <summary>Blocks the lanes hold now, all together: never above the pool.</summary>
        public int CapacityBlocks
        {
            get
            {
                int sum = 0;
                for (int i = 0; i < _lanes.Length; i++)
                {
                    sum += _lanes[i].CapacityBlocks;
                }

                return sum;
            }
        }

        /// <summary>One step; <paramref name="arrivals"/>[i] is lane i's bulk arrivals.</summary>
        public void Step(int[] arrivals)
        {
            int lanes = _lanes.Length;
            for (int i = 0; i < lanes; i++)
            {
                _demand[i] = _lanes[i].Ledger.Buffered + _lanes[i].Ledger.SpillHeld + arrivals[i];
            }

            ShareUplink(_demand, _share, _settled, _uplink);
            for (int i = 0; i < lanes; i++)
            {
                _lanes[i].Transfer(0, arrivals[i], _share[i]);
            }

            BufferSettings settings = _lanes[0].Settings;
            for (int i = 0; i < lanes; i++)
            {
                PredictiveBuffer lane = _lanes[i];
                BlockBudget budget = lane.Budget;
                int committed = budget.PendingBlocks > budget.CapacityBlocks ? budget.PendingBlocks : budget.CapacityBlocks;
                int floor = settings.BlocksFor(lane.Ledger.Buffered);
                if (floor < settings.FloorBlocks)
                {
                    floor = settings.FloorBlocks;
                }

                _pool.Want(i, lane.Policy.DesiredBlocks(lane), floor, committed);
            }

            _pool.Divide();
            for (int i = 0; i < lanes; i++)
            {
                _lanes[i].Resize(_pool.Request(i));
            }
        }

        /// <summary>
        /// Max-min fair split of <paramref name="uplink"/>: lanes that need less than an equal share get what they
        /// need, and what they leave is shared again among the rest.
        /// </summary>
        public static void ShareUplink(long[] demand, long[] share, bool[] settled, long uplink)
        {
            int open = demand.Length;
            for (int i = 0; i < demand.Length; i++)
            {
                share[i] = 0;
                settled[i] = false;
            }

            long left = uplink;
            while (open > 0 && left > 0)
            {
                long equal = left / open;
                bool any = false;
                for (int i = 0; i < demand.Length; i++)
                {
                    if (!settled[i] && demand[i] <= equal)
                    {
                        share[i] = demand[i];
                        left -= demand[i];
                        settled[i] = true;
                        open--;
                        any = true;
                    }
                }

                if (!any)
                {
                    // Everyone left wants more than an equal share: give it, the remainder one by one.
                    long rest = left - (equal * open);
                    for (int i = 0; i < demand.Length; i++)
                    {
                        if (!settled[i])
                        {
                            share[i] = equal + (rest > 0 ? 1 : 0);
                            rest--;
                        }
                    }

                    return;
                }
            }
        }
    }
}
