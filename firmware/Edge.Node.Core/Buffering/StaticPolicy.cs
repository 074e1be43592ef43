namespace Edge.Node.Core.Buffering
{
    /// <summary>A fixed capacity: what a node without prediction does. Its one knob is the size.</summary>
    public sealed class StaticPolicy : ICapacityPolicy
    {
        private readonly int _blocks;

        public StaticPolicy(int blocks)
        {
            _blocks = blocks;
        }

        public string Name
        {
            get { return "static"; }
        }

        public int Blocks
        {
            get { return _blocks; }
        }

        public int DesiredBlocks(PredictiveBuffer buffer)
        {
            return _blocks;
        }
    }
}
