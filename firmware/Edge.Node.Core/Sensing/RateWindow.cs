using System;

namespace Edge.Node.Core.Sensing
{
    /// <summary>
    /// The last N per-step arrival counts in a fixed ring, with a running sum, so a node can look at its recent rate
    /// without allocating: the ring is sized once, and old steps fall off as new ones arrive.
    /// </summary>
    public sealed class RateWindow
    {
        private readonly double[] _steps;
        private int _next;
        private int _count;
        private double _sum;

        public RateWindow(int length)
        {
            if (length < 1)
            {
                throw new ArgumentOutOfRangeException("length");
            }

            _steps = new double[length];
        }

        public int Length
        {
            get { return _steps.Length; }
        }

        /// <summary>How many steps the window holds; below Length until it has filled once.</summary>
        public int Count
        {
            get { return _count; }
        }

        public double Sum
        {
            get { return _sum; }
        }

        public double Mean
        {
            get { return _count == 0 ? 0.0 : _sum / _count; }
        }

        public void Add(double arrivals)
        {
            if (_count == _steps.Length)
            {
                _sum -= _steps[_next];
            }
            else
            {
                _count++;
            }

            _steps[_next] = arrivals;
            _sum += arrivals;
            _next = (_next + 1) % _steps.Length;
        }

        /// <summary>Arrivals <paramref name="age"/> steps ago: 0 is the newest step.</summary>
        public double Get(int age)
        {
            if (age < 0 || age >= _count)
            {
                throw new ArgumentOutOfRangeException("age");
            }

            int index = _next - 1 - age;
            if (index < 0)
            {
                index += _steps.Length;
            }

            return _steps[index];
        }

        /// <summary>Largest step in the window; a scan, because keeping a running max would need a second structure.</summary>
        public double Max()
        {
            double max = 0.0;
            for (int i = 0; i < _count; i++)
            {
                if (_steps[i] > max)
                {
                    max = _steps[i];
                }
            }

            return max;
        }

        public void Clear()
        {
            Array.Clear(_steps, 0, _steps.Length);
            _next = 0;
            _count = 0;
            _sum = 0.0;
        }
    }
}
