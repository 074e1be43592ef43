namespace Edge.Node.Core.Agent
{
    /// <summary>
    /// Hands out blocks up to the capacity the buffer's budget allows. Memory is allocated when capacity grows
    /// (the expansion the predictor asked for ahead of a burst) and given back to the runtime when it shrinks,
    /// so a quiet node holds little; a sample never allocates.
    /// </summary>
    public sealed class BlockPool
    {
        private readonly int _blockSize;
        private readonly StoreBlock[] _free;
        private int _freeCount;
        private int _inUse;
        private int _capacityBlocks;

        public BlockPool(int blockSize, int ceilingBlocks)
        {
            _blockSize = blockSize;
            _free = new StoreBlock[ceilingBlocks];
        }

        public int BlockSize
        {
            get { return _blockSize; }
        }

        public int InUse
        {
            get { return _inUse; }
        }

        public int CapacityBlocks
        {
            get { return _capacityBlocks; }
        }

        /// <summary>Blocks allocated now, in use or kept free: what the store really costs in memory.</summary>
        public int AllocatedBlocks
        {
            get { return _inUse + _freeCount; }
        }

        /// <summary>Sets the budget; free blocks above it are released for the garbage collector.</summary>
        public void SetCapacity(int blocks)
        {
            _capacityBlocks = blocks > _free.Length ? _free.Length : blocks;
            while (_freeCount > 0 && _inUse + _freeCount > _capacityBlocks)
            {
                _freeCount--;
                _free[_freeCount] = null;
            }
        }

        /// <summary>A block, or null when the budget is used up.</summary>
        public StoreBlock Take()
        {
            if (_inUse >= _capacityBlocks)
            {
                return null;
            }

            _inUse++;
            if (_freeCount > 0)
            {
                _freeCount--;
                StoreBlock block = _free[_freeCount];
                _free[_freeCount] = null;
                return block;
            }

            return new StoreBlock(_blockSize);
        }

        public void Return(StoreBlock block)
        {
            _inUse--;
            if (_inUse + _freeCount < _capacityBlocks && _freeCount < _free.Length)
            {
                _free[_freeCount++] = block;
            }
        }
    }
}
