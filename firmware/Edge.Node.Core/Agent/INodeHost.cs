namespace Edge.Node.Core.Agent
{
    /// <summary>What only the board knows: its free memory and how to restart it.</summary>
    public interface INodeHost
    {
        long FreeMemory();

        /// <summary>Restarts the board where it can; false where it cannot (the simulator restarts the node instead).</summary>
        bool Reboot();
    }
}
