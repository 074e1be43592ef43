using System.Collections;

namespace Edge.Node.Esp32
{
    /// <summary>
    /// Received messages on their way from M2Mqtt's dispatch thread to the agent's thread: a non-generic Queue behind a
    /// lock (nanoFramework 1.x has no generic or concurrent collections). Bounded, so a flood of retained messages
    /// cannot exhaust the heap; what does not fit is counted and dropped, and the gateway's resend and retained
    /// state cover it.
    /// </summary>
    public sealed class InboxQueue
    {
        private readonly Queue _queue = new Queue();
        private readonly object _sync = new object();
        private readonly int _capacity;
        private long _dropped;

        public InboxQueue(int capacity)
        {
            _capacity = capacity;
        }

        public int Count
        {
            get
            {
                lock (_sync)
                {
                    return _queue.Count;
                }
            }
        }

        public long Dropped
        {
            get
            {
                lock (_sync)
                {
                    return _dropped;
                }
            }
        }

        /// <summary>Called on the MQTT client's thread; never blocks on the agent.</summary>
        public bool Enqueue(string topic, byte[] payload)
        {
            lock (_sync)
            {
                if (_queue.Count >= _capacity)
                {
                    _dropped++;
                    return false;
                }

                _queue.Enqueue(new InboundMessage(topic, payload));
                return true;
            }
        }

        /// <summary>The oldest message, or null when empty. Called on the agent's thread.</summary>
        public InboundMessage Dequeue()
        {
            lock (_sync)
            {
                return _queue.Count == 0 ? null : (InboundMessage)_queue.Dequeue();
            }
        }
    }
}
