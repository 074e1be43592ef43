using System;

namespace Edge.Node.Core.Agent
{
    /// <summary>
    /// Exponential back-off with "equal jitter": the n-th retry waits between half and all of min·2ⁿ (capped).
    /// The half that is not random bounds the attempts per minute against a dead broker; the random half keeps a
    /// fleet that lost its broker at once from reconnecting in lockstep.
    /// </summary>
    public sealed class Backoff
    {
        private readonly long _minMs;
        private readonly long _maxMs;
        private readonly Random _random;
        private int _failures;

        public Backoff(long minMs, long maxMs, Random random)
        {
            _minMs = minMs;
            _maxMs = maxMs;
            _random = random;
        }

        public int Failures
        {
            get { return _failures; }
        }

        /// <summary>Records a failure and returns how long to wait before the next attempt.</summary>
        public long NextDelayMs()
        {
            long ceiling = _minMs;
            for (int i = 0; i < _failures && ceiling < _maxMs; i++)
            {
                ceiling *= 2;
            }

            if (ceiling > _maxMs)
            {
                ceiling = _maxMs;
            }

            _failures++;
            long half = ceiling / 2;
            return half + (long)(_random.NextDouble() * (ceiling - half));
        }

        public void Reset()
        {
            _failures = 0;
        }
    }
}
