namespace Edge.Node.Core.Sensing
{
    /// <summary>
    /// Turns what a node really sees (single events, batches of events, or a cumulative hardware/OS counter) into one
    /// arrival count per step. The caller closes a step on its own clock; no time is read here.
    /// </summary>
    public sealed class ArrivalMeter
    {
        private readonly RateWindow _window;
        private long _pending;
        private long _lastCounter;
        private bool _haveCounter;

        public ArrivalMeter(int windowLength)
        {
            _window = new RateWindow(windowLength);
        }

        public RateWindow Window
        {
            get { return _window; }
        }

        /// <summary>Arrivals counted so far in the open step.</summary>
        public long Pending
        {
            get { return _pending; }
        }

        public void AddEvent()
        {
            _pending++;
        }

        /// <summary>Negative counts are ignored: an event source cannot take arrivals back.</summary>
        public void AddEvents(int count)
        {
            if (count > 0)
            {
                _pending += count;
            }
        }

        /// <summary>
        /// Feeds a cumulative counter reading. A reading below the previous one means the counter restarted (reboot or
        /// wrap); the new reading is then taken as the count since the restart rather than as a huge negative step.
        /// </summary>
        public void ObserveCounter(long counter)
        {
            if (_haveCounter)
            {
                _pending += counter >= _lastCounter ? counter - _lastCounter : counter;
            }

            _lastCounter = counter;
            _haveCounter = true;
        }

        /// <summary>Ends the step: returns its arrivals, records them in the window, and opens the next step.</summary>
        public long CloseStep()
        {
            long arrivals = _pending;
            _pending = 0;
            _window.Add(arrivals);
            return arrivals;
        }

        public void Reset()
        {
            _pending = 0;
            _haveCounter = false;
            _lastCounter = 0;
            _window.Clear();
        }
    }
}
