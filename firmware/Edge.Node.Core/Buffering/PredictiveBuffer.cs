using System;

namespace Edge.Node.Core.Buffering
{
    /// <summary>
    /// A store-and-forward buffer counted in samples, sized in blocks by a policy. One Step is one tick of virtual or
    /// real time: capacity that has finished growing arrives, the step's arrivals join the queue, the uplink drains
    /// control records before bulk ones, what does not fit goes to the secondary store or is dropped (bulk first),
    /// and the policy says what capacity it wants next. No allocation per step.
    /// </summary>
    public sealed class PredictiveBuffer
    {
        private readonly BufferSettings _settings;
        private readonly BlockBudget _budget;
        private readonly BufferLedger _ledger = new BufferLedger();
        private readonly ICapacityPolicy _policy;
        private int _lastDropped;

        public PredictiveBuffer(BufferSettings settings, ICapacityPolicy policy, int initialBlocks)
        {
            if (policy == null)
            {
                throw new ArgumentNullException("policy");
            }

            _budget = new BlockBudget(settings, initialBlocks);
            _settings = settings;
            _policy = policy;
        }

        public BufferSettings Settings
        {
            get { return _settings; }
        }

        public BufferLedger Ledger
        {
            get { return _ledger; }
        }

        public BlockBudget Budget
        {
            get { return _budget; }
        }

        public ICapacityPolicy Policy
        {
            get { return _policy; }
        }

        public int CapacityBlocks
        {
            get { return _budget.CapacityBlocks; }
        }

        public int CapacitySamples
        {
            get { return _budget.CapacitySamples; }
        }

        /// <summary>Samples dropped in the last step.</summary>
        public int LastDropped
        {
            get { return _lastDropped; }
        }

        public void Step(int controlArrivals, int bulkArrivals)
        {
            Transfer(controlArrivals, bulkArrivals, _settings.DrainPerStep);
            Resize(_policy.DesiredBlocks(this));
        }

        /// <summary>
        /// The step without its sizing decision, with an uplink given by the caller (a node whose lanes share one
        /// uplink splits it first): capacity that finished growing arrives, arrivals queue, the uplink drains, the
        /// overflow spills or drops. Returns the uplink left unused. Call <see cref="Resize"/> to end the step.
        /// </summary>
        public long Transfer(int controlArrivals, int bulkArrivals, long uplink)
        {
            if (controlArrivals < 0 || bulkArrivals < 0)
            {
                throw new ArgumentOutOfRangeException("bulkArrivals");
            }

            _budget.BeginStep();
            BufferLedger ledger = _ledger;
            ledger.Arrived += controlArrivals + bulkArrivals;

            long control = ledger.ControlBuffered + controlArrivals;
            long bulk = ledger.BulkBuffered + bulkArrivals;

            long sentControl = control < uplink ? control : uplink;
            control -= sentControl;
            uplink -= sentControl;
            long sentBulk = bulk < uplink ? bulk : uplink;
            bulk -= sentBulk;
            uplink -= sentBulk;

            // The secondary store is slower and older than what is in memory, so it is drained only with leftover uplink.
            long sentSpill = ledger.SpillHeld < uplink ? ledger.SpillHeld : uplink;
            ledger.SpillHeld -= sentSpill;
            uplink -= sentSpill;
            ledger.Sent += sentControl + sentBulk + sentSpill;

            long overflow = control + bulk - _budget.CapacitySamples;
            long lost = 0;
            if (overflow > 0)
            {
                long fromBulk = overflow < bulk ? overflow : bulk;
                bulk -= fromBulk;
                control -= overflow - fromBulk;
                long room = _settings.SpillCapacity - ledger.SpillHeld;
                long spilled = room <= 0 ? 0 : (overflow < room ? overflow : room);
                ledger.SpillHeld += spilled;
                ledger.SpilledTotal += spilled;
                lost = overflow - spilled;
                ledger.Dropped += lost;
            }

            _lastDropped = (int)lost;
            ledger.ControlBuffered = control;
            ledger.BulkBuffered = bulk;
            return uplink;
        }

        /// <summary>Ends a step: asks the budget for <paramref name="desiredBlocks"/> (latency and hysteresis apply).</summary>
        public void Resize(int desiredBlocks)
        {
            _budget.Request(desiredBlocks, _ledger.Buffered);
        }

        public void Reset(int initialBlocks)
        {
            _budget.Reset(initialBlocks);
            _ledger.Clear();
            _lastDropped = 0;
        }
    }
}
