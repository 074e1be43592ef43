using System;

namespace Edge.Node.Core.Prediction
{
    /// <summary>
    /// The inputs of the learned peak model, computed on the node from its own arrivals, one step at a time, and
    /// by the gateway's trainer with this same class, so training and inference cannot disagree. Every input is
    /// divided by a slow running level of the arrivals, so one model serves flows of any rate; each is capped at
    /// <see cref="Cap"/> levels. Preallocated: Update allocates nothing.
    /// </summary>
    public sealed class PeakFeatures
    {
        /// <summary>Inputs, the constant 1 first: 1, the last 4 arrivals, max of 16 and of 64, short mean, deviation,
        /// share of the last 64 steps above 1.5 levels, 1/(1 + steps since one was), max one period ago.</summary>
        public const int Count = 12;

        /// <summary>Longest seasonal period a model may ask for, in steps.</summary>
        public const int MaxPeriod = 1024;

        public const double Cap = 50.0;

        private const double LevelAlpha = 0.02;
        private const double ShortAlpha = 0.3;
        private const double SpreadAlpha = 0.1;
        private const double BurstLevels = 1.5;
        private const int Recent = 64;

        // The seasonal input looks at the steps one period before the next SeasonalAhead ones, give or take SeasonalSlack.
        private const int SeasonalAhead = 4;
        private const int SeasonalSlack = 4;

        private readonly double[] _values = new double[Count];
        private float[] _history = new float[Recent];
        private int _period;
        private int _samples;
        private double _level;
        private double _short;
        private double _spread;
        private int _sinceBurst = int.MaxValue / 2;

        public PeakFeatures()
        {
            Reset();
        }

        /// <summary>Seasonal period in steps (0: none).</summary>
        public int Period
        {
            get { return _period; }
        }

        /// <summary>What the inputs are divided by: the running level, never below a tiny positive number.</summary>
        public double Scale
        {
            get { return _level > 1e-9 ? _level : 1e-9; }
        }

        public int Samples
        {
            get { return _samples; }
        }

        public double ShortMean
        {
            get { return _short; }
        }

        /// <summary>Input <paramref name="index"/> after the last update.</summary>
        public double Value(int index)
        {
            return _values[index];
        }

        /// <summary>
        /// Sets the seasonal period. Allocates when the history must grow (when a model is loaded, not per sample)
        /// and forgets the history, since its layout changes.
        /// </summary>
        public bool UsePeriod(int period)
        {
            if (period < 0 || period > MaxPeriod)
            {
                return false;
            }

            int length = period == 0 ? Recent : Math.Max(Recent, period + SeasonalSlack + 1);
            if (length != _history.Length)
            {
                _history = new float[length];
                Reset();
            }

            _period = period;
            return true;
        }

        public void Update(double arrivals)
        {
            float[] history = _history;
            history[_samples % history.Length] = (float)arrivals;
            _samples++;
            if (_samples == 1)
            {
                _level = arrivals;
                _short = arrivals;
            }
            else
            {
                _level += LevelAlpha * (arrivals - _level);
                double diff = arrivals - _short;
                _short += ShortAlpha * diff;
                _spread = (1.0 - SpreadAlpha) * (_spread + SpreadAlpha * diff * diff);
            }

            double scale = Scale;
            double burst = BurstLevels * scale;
            _sinceBurst = arrivals > burst ? 0 : _sinceBurst + 1;

            _values[0] = 1.0;
            for (int k = 0; k < 4; k++)
            {
                _values[1 + k] = Capped(Lag(k) / scale);
            }

            double max16 = 0.0;
            double max64 = 0.0;
            int above = 0;
            int available = _samples < Recent ? _samples : Recent;
            for (int k = 0; k < available; k++)
            {
                double v = Lag(k);
                if (v > max64)
                {
                    max64 = v;
                }

                if (k < 16 && v > max16)
                {
                    max16 = v;
                }

                if (v > burst)
                {
                    above++;
                }
            }

            _values[5] = Capped(max16 / scale);
            _values[6] = Capped(max64 / scale);
            _values[7] = Capped(_short / scale);
            _values[8] = Capped(Math.Sqrt(_spread) / scale);
            _values[9] = above / (double)Recent;
            _values[10] = 1.0 / (1.0 + _sinceBurst);
            _values[11] = Capped(Seasonal() / scale);
        }

        public void Reset()
        {
            Array.Clear(_history, 0, _history.Length);
            Array.Clear(_values, 0, _values.Length);
            _samples = 0;
            _level = 0.0;
            _short = 0.0;
            _spread = 0.0;
            _sinceBurst = int.MaxValue / 2;
        }

        private double Seasonal()
        {
            int oldest = _period + SeasonalSlack - 1;
            if (_period == 0 || _samples <= oldest)
            {
                return 0.0;
            }

            double max = 0.0;
            int newest = _period - SeasonalAhead - SeasonalSlack;
            for (int k = newest < 0 ? 0 : newest; k <= oldest; k++)
            {
                double v = Lag(k);
                if (v > max)
                {
                    max = v;
                }
            }

            return max;
        }

        private double Lag(int lag)
        {
            if (lag >= _samples)
            {
                return 0.0;
            }

            int length = _history.Length;
            return _history[(_samples - 1 - lag) % length];
        }

        private static double Capped(double value)
        {
            return value > Cap ? Cap : value;
        }
    }
}
