namespace Edge.Node.Core.Agent
{
    /// <summary>A fixed run of samples (time and value); the store grows and shrinks a block at a time.</summary>
    public sealed class StoreBlock
    {
        public readonly long[] TimeMs;
        public readonly double[] Values;

        public StoreBlock(int size)
        {
            TimeMs = new long[size];
            Values = new double[size];
        }
    }
}
