namespace Edge.Node.Core.Agent
{
    /// <summary>A session store that lives as long as the process: simulated boards, tests.</summary>
    public sealed class MemorySessionStore : ISessionStore
    {
        private long _session;

        public MemorySessionStore(long start)
        {
            _session = start;
        }

        public long Load()
        {
            return _session;
        }

        public void Save(long session)
        {
            _session = session;
        }
    }
}
