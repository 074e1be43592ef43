using System;

namespace Edge.Node.Core.Buffering
{
    /// <summary>
    /// How many blocks of capacity a store has, and how that changes: growth arrives ExpansionLatency steps after it is
    /// first requested, shrinking is immediate but held back by hysteresis and never below what is stored. Kept apart
    /// from the sample accounting so the acknowledged-sample ring of a real node can size itself with the same rules.
    /// </summary>
    public sealed class BlockBudget
    {
        private readonly BufferSettings _settings;

        // Requests in flight, one slot per step of latency (plus the current step): slot i matures when the cursor
        // comes back to it, ExpansionLatency + 1 steps after it was written.
        private readonly int[] _inFlight;
        private int _cursor;
        private int _capacityBlocks;
        private int _stepsWantingLess;
        private long _blockSteps;
        private long _steps;

        public BlockBudget(BufferSettings settings, int initialBlocks)
        {
            if (settings == null)
            {
                throw new ArgumentNullException("settings");
            }

            settings.Validate();
            _settings = settings;
            _inFlight = new int[settings.ExpansionLatency + 1];
            _capacityBlocks = Clamp(initialBlocks);
        }

        public BufferSettings Settings
        {
            get { return _settings; }
        }

        public int CapacityBlocks
        {
            get { return _capacityBlocks; }
        }

        public int CapacitySamples
        {
            get { return _capacityBlocks * _settings.BlockSize; }
        }

        /// <summary>Largest request still in flight, or 0.</summary>
        public int PendingBlocks
        {
            get
            {
                int max = 0;
                for (int i = 0; i < _inFlight.Length; i++)
                {
                    if (_inFlight[i] > max)
                    {
                        max = _inFlight[i];
                    }
                }

                return max;
            }
        }

        /// <summary>Sum of capacity over the steps so far, in block-steps: the memory cost of a run.</summary>
        public long BlockSteps
        {
            get { return _blockSteps; }
        }

        public long Steps
        {
            get { return _steps; }
        }

        /// <summary>Starts a step: the request made ExpansionLatency + 1 steps ago (if still wanted) takes effect.</summary>
        public void BeginStep()
        {
            _cursor = (_cursor + 1) % _inFlight.Length;
            int matured = _inFlight[_cursor];
            _inFlight[_cursor] = 0;
            if (matured > _capacityBlocks)
            {
                _capacityBlocks = matured;
            }

            _blockSteps += _capacityBlocks;
            _steps++;
        }

        /// <summary>
        /// Ends a step with what the policy wants. Requests in flight are cut down to the new want (an allocation nobody
        /// needs any more is abandoned); a bigger want starts a new request; a smaller one shrinks after the hold.
        /// </summary>
        public void Request(int desiredBlocks, long storedSamples)
        {
            int desired = Clamp(desiredBlocks);
            for (int i = 0; i < _inFlight.Length; i++)
            {
                if (_inFlight[i] > desired)
                {
                    _inFlight[i] = desired;
                }
            }

            if (desired > _capacityBlocks)
            {
                _stepsWantingLess = 0;
                if (desired > PendingBlocks)
                {
                    _inFlight[_cursor] = desired;
                }

                return;
            }

            int keep = Math.Max(desired, Clamp(_settings.BlocksFor(storedSamples)));
            if (keep < _capacityBlocks && _capacityBlocks - keep >= _settings.ShrinkHysteresisBlocks)
            {
                _stepsWantingLess++;
                if (_stepsWantingLess >= _settings.ShrinkHoldSteps)
                {
                    _capacityBlocks = keep;
                    _stepsWantingLess = 0;
                }
            }
            else
            {
                _stepsWantingLess = 0;
            }
        }

        public void Reset(int initialBlocks)
        {
            Array.Clear(_inFlight, 0, _inFlight.Length);
            _cursor = 0;
            _capacityBlocks = Clamp(initialBlocks);
            _stepsWantingLess = 0;
            _blockSteps = 0;
            _steps = 0;
        }

        private int Clamp(int blocks)
        {
            if (blocks < _settings.FloorBlocks)
            {
                return _settings.FloorBlocks;
            }

            return blocks > _settings.CeilingBlocks ? _settings.CeilingBlocks : blocks;
        }
    }
}
