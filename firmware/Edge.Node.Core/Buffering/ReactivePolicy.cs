using System;

namespace Edge.Node.Core.Buffering
{
    /// <summary>
    /// Grows when the fill passes a threshold (doubling, as growable arrays do) and otherwise sizes itself so the fill
    /// sits at the threshold. It only sees the present, so with expansion latency its growth lands after the burst
    /// has already overflowed. Its one knob is the threshold (a fill fraction in (0, 1]).
    /// </summary>
    public sealed class ReactivePolicy : ICapacityPolicy
    {
        private readonly double _threshold;

        public ReactivePolicy(double threshold)
        {
            if (!(threshold > 0.0 && threshold <= 1.0))
            {
                throw new ArgumentOutOfRangeException("threshold");
            }

            _threshold = threshold;
        }

        public string Name
        {
            get { return "reactive"; }
        }

        public double Threshold
        {
            get { return _threshold; }
        }

        public int DesiredBlocks(PredictiveBuffer buffer)
        {
            BufferSettings settings = buffer.Settings;
            long content = buffer.Ledger.Buffered;
            int capacity = buffer.CapacityBlocks;
            int sized = settings.BlocksFor((long)Math.Ceiling(content / _threshold));
            if (content > _threshold * buffer.CapacitySamples)
            {
                return Math.Max(sized, capacity > int.MaxValue / 2 ? int.MaxValue : 2 * capacity);
            }

            return sized;
        }
    }
}
