using System;

namespace Edge.Node.Core.Buffering
{
    /// <summary>
    /// One node's fixed pool of blocks divided between its lanes (one lane per flow). Each step every lane says how
    /// many blocks it wants and how many it has committed (held now or still arriving); <see cref="Divide"/> then
    /// says what each lane may ask its own <see cref="BlockBudget"/> for. Wants that fit are met, with the spare
    /// shared equally as a reserve; when they do not fit, blocks go in proportion to what each lane lacks. A lane
    /// grows only from blocks that are free now, so the lanes never hold more than the pool: a block moves from a
    /// lane that wants less (after its shrink hold) to one that wants more (after its expansion latency), which is
    /// why sizing must look ahead. No allocation per step.
    /// </summary>
    public sealed class SharedPool
    {
        private readonly int[] _want;
        private readonly int[] _floor;
        private readonly int[] _committed;
        private readonly int[] _target;
        private readonly int[] _request;
        private int _totalBlocks;

        public SharedPool(int lanes, int totalBlocks)
        {
            if (lanes < 1)
            {
                throw new ArgumentOutOfRangeException("lanes");
            }

            _want = new int[lanes];
            _floor = new int[lanes];
            _committed = new int[lanes];
            _target = new int[lanes];
            _request = new int[lanes];
            TotalBlocks = totalBlocks;
        }

        public int Lanes
        {
            get { return _want.Length; }
        }

        /// <summary>Blocks in the pool; a node whose memory budget moves changes it between steps.</summary>
        public int TotalBlocks
        {
            get { return _totalBlocks; }
            set { _totalBlocks = value < 0 ? 0 : value; }
        }

        /// <summary>
        /// Records a lane's step: <paramref name="wanted"/> blocks wanted, <paramref name="floor"/> blocks it cannot
        /// do without (what it stores), <paramref name="committed"/> blocks it holds or has coming.
        /// </summary>
        public void Want(int lane, int wanted, int floor, int committed)
        {
            _floor[lane] = floor < 0 ? 0 : floor;
            _want[lane] = wanted > _floor[lane] ? wanted : _floor[lane];
            _committed[lane] = committed < 0 ? 0 : committed;
        }

        /// <summary>What the lane should ask its budget for after the last <see cref="Divide"/>.</summary>
        public int Request(int lane)
        {
            return _request[lane];
        }

        /// <summary>The lane's share of the pool after the last <see cref="Divide"/> (what it will hold once blocks have moved).</summary>
        public int Target(int lane)
        {
            return _target[lane];
        }

        public void Divide()
        {
            int lanes = _want.Length;
            long floors = 0;
            long wants = 0;
            for (int i = 0; i < lanes; i++)
            {
                floors += _floor[i];
                wants += _want[i];
            }

            if (wants <= _totalBlocks)
            {
                // Everyone gets what they want; the spare is split evenly as a reserve against what nobody foresaw.
                long spare = _totalBlocks - wants;
                for (int i = 0; i < lanes; i++)
                {
                    _target[i] = _want[i] + (int)(spare / lanes) + (i < spare % lanes ? 1 : 0);
                }
            }
            else if (floors >= _totalBlocks)
            {
                for (int i = 0; i < lanes; i++)
                {
                    _target[i] = _floor[i];
                }
            }
            else
            {
                // Short: every lane keeps its floor and the rest goes in proportion to what each lacks beyond it.
                long room = _totalBlocks - floors;
                long lacking = wants - floors;
                long given = 0;
                for (int i = 0; i < lanes; i++)
                {
                    int extra = (int)(room * (_want[i] - _floor[i]) / lacking);
                    _target[i] = _floor[i] + extra;
                    given += extra;
                }

                for (int i = 0; i < lanes && given < room; i++)
                {
                    if (_target[i] < _want[i])
                    {
                        _target[i]++;
                        given++;
                    }
                }
            }

            // Lanes above their share ask for it (they shrink after their hold); lanes below grow only from free blocks.
            long free = _totalBlocks;
            for (int i = 0; i < lanes; i++)
            {
                free -= _committed[i];
            }

            for (int i = 0; i < lanes; i++)
            {
                _request[i] = _target[i] < _committed[i] ? _target[i] : _committed[i];
            }

            for (int i = 0; i < lanes && free > 0; i++)
            {
                int lack = _target[i] - _committed[i];
                if (lack > 0)
                {
                    int take = lack < free ? lack : (int)free;
                    _request[i] = _committed[i] + take;
                    free -= take;
                }
            }
        }
    }
}
