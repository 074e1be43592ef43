namespace Edge.Node.Core.Buffering
{
    /// <summary>
    /// Decides, at the end of each step, how many blocks the buffer should have. One class per strategy; the buffer
    /// enforces floor, ceiling, latency and hysteresis, so a policy only states what it wants.
    /// </summary>
    public interface ICapacityPolicy
    {
        string Name { get; }

        int DesiredBlocks(PredictiveBuffer buffer);
    }
}
