using Edge.Node.Core.Agent;

namespace Edge.Node.Esp32
{
    /// <summary>What only the board knows: free heap and how to restart.</summary>
    public sealed class Esp32Host : INodeHost
    {
        private FlashRing _ring;
        private NodeAgent _agent;

        /// <summary>The flash ring to write out before a commanded reboot, so its open block is not lost.</summary>
        public void FlushBeforeReboot(FlashRing ring, NodeAgent agent)
        {
            _ring = ring;
            _agent = agent;
        }

        /// <summary>
        /// nanoFramework reports free memory only as the result of a collection: GC.Run(false) collects without
        /// compacting and returns the free bytes. Called once per heartbeat, so the cost is bounded.
        /// </summary>
        public long FreeMemory()
        {
            return nanoFramework.Runtime.Native.GC.Run(false);
        }

        public bool Reboot()
        {
            if (_ring != null)
            {
                _ring.Flush(_agent);
            }

            nanoFramework.Runtime.Native.Power.RebootDevice();
            return true;
        }
    }
}
