namespace Edge.Node.Core.Agent
{
    /// <summary>
    /// The held samples of one flow: sequences HeadSequence .. HeadSequence + Count - 1, contiguous, so a sample's
    /// place follows from its sequence and no sequence is stored. Blocks come from the shared pool.
    /// </summary>
    public sealed class FlowRing
    {
        private readonly StoreBlock[] _blocks;
        private readonly int _blockSize;
        private int _first;
        private int _count;
        private long _head;
        private int _held;

        public FlowRing(int maxBlocks, int blockSize)
        {
            _blocks = new StoreBlock[maxBlocks];
            _blockSize = blockSize;
        }

        public long HeadSequence
        {
            get { return _head; }
        }

        public int Count
        {
            get { return _count; }
        }

        /// <summary>Blocks taken from the pool and not yet returned.</summary>
        public int HeldBlocks
        {
            get { return _held; }
        }

        /// <summary>One past the last held sequence.</summary>
        public long EndSequence
        {
            get { return _head + _count; }
        }

        /// <summary>Empties the ring (returning its blocks) and starts it at <paramref name="sequence"/>.</summary>
        public void Restart(long sequence, BlockPool pool)
        {
            Release(EndSequence, pool);
            _head = sequence;
            _first = 0;
        }

        /// <summary>Appends the sample with sequence EndSequence; false when the pool has no block for it.</summary>
        public bool Append(long timeMs, double value, BlockPool pool)
        {
            return Append(timeMs, value, pool, int.MaxValue);
        }

        /// <summary>Appends, taking a new block only while this ring holds fewer than <paramref name="limitBlocks"/> (its share of the pool).</summary>
        public bool Append(long timeMs, double value, BlockPool pool, int limitBlocks)
        {
            int slots = _blocks.Length * _blockSize;
            if (_count == slots)
            {
                return false;
            }

            int position = (_first + _count) % slots;
            int b = position / _blockSize;
            if (_blocks[b] == null)
            {
                StoreBlock block = _held < limitBlocks ? pool.Take() : null;
                if (block == null)
                {
                    return false;
                }

                _blocks[b] = block;
                _held++;
            }

            _blocks[b].TimeMs[position % _blockSize] = timeMs;
            _blocks[b].Values[position % _blockSize] = value;
            _count++;
            return true;
        }

        public long TimeAt(long sequence)
        {
            int position = Position(sequence);
            return _blocks[position / _blockSize].TimeMs[position % _blockSize];
        }

        public double ValueAt(long sequence)
        {
            int position = Position(sequence);
            return _blocks[position / _blockSize].Values[position % _blockSize];
        }

        /// <summary>Drops every sample below <paramref name="sequence"/> (acknowledged), returning emptied blocks.</summary>
        public void Release(long sequence, BlockPool pool)
        {
            int slots = _blocks.Length * _blockSize;
            while (_count > 0 && _head < sequence)
            {
                _first = (_first + 1) % slots;
                _count--;
                _head++;
            }

            if (_count == 0 && _head < sequence)
            {
                _head = sequence;
            }

            ReturnUnused(pool);
        }

        /// <summary>Drops every sample from <paramref name="sequence"/> on: another node now sends those.</summary>
        public void Truncate(long sequence, BlockPool pool)
        {
            if (sequence < EndSequence)
            {
                _count = sequence <= _head ? 0 : (int)(sequence - _head);
                ReturnUnused(pool);
            }
        }

        private void ReturnUnused(BlockPool pool)
        {
            for (int b = 0; b < _blocks.Length; b++)
            {
                if (_blocks[b] != null && !InUse(b))
                {
                    pool.Return(_blocks[b]);
                    _blocks[b] = null;
                    _held--;
                }
            }
        }

        private bool InUse(int block)
        {
            if (_count == 0)
            {
                return false;
            }

            int slots = _blocks.Length * _blockSize;
            int firstBlock = _first / _blockSize;
            int lastBlock = ((_first + _count - 1) % slots) / _blockSize;
            bool wrapped = _first + _count > slots;
            return wrapped ? block >= firstBlock || block <= lastBlock : block >= firstBlock && block <= lastBlock;
        }

        private int Position(long sequence)
        {
            return (int)((_first + (sequence - _head)) % (_blocks.Length * _blockSize));
        }
    }
}
