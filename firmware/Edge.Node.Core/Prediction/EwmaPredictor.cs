using System;

namespace Edge.Node.Core.Prediction
{
    /// <summary>
    /// Exponentially weighted mean and variance: the baseline. It forecasts a flat level, and its upper bound widens
    /// after a burst because the variance jumps, which is what holds buffer while bursts cluster.
    /// </summary>
    public sealed class EwmaPredictor : IPredictor
    {
        private readonly double _alpha;
        private readonly double _z;
        private readonly int _maxHorizon;
        private double _mean;
        private double _variance;
        private int _samples;

        public EwmaPredictor()
            : this(0.2, 2.0, 16)
        {
        }

        public EwmaPredictor(double alpha, double z, int maxHorizon)
        {
            if (!(alpha > 0.0 && alpha <= 1.0))
            {
                throw new ArgumentOutOfRangeException("alpha");
            }

            if (!(z >= 0.0))
            {
                throw new ArgumentOutOfRangeException("z");
            }

            if (maxHorizon < 1)
            {
                throw new ArgumentOutOfRangeException("maxHorizon");
            }

            _alpha = alpha;
            _z = z;
            _maxHorizon = maxHorizon;
        }

        public string Name
        {
            get { return "ewma"; }
        }

        public int MaxHorizon
        {
            get { return _maxHorizon; }
        }

        public int Samples
        {
            get { return _samples; }
        }

        public bool Alarm
        {
            get { return false; }
        }

        public double Mean
        {
            get { return _mean; }
        }

        public double StandardDeviation
        {
            get { return Math.Sqrt(_variance); }
        }

        public bool Update(double arrivals)
        {
            if (!ArrivalCheck.IsValid(arrivals))
            {
                return false;
            }

            if (_samples == 0)
            {
                _mean = arrivals;
                _variance = 0.0;
            }
            else
            {
                // West's incremental form: the variance uses the same weights as the mean, one pass, no history.
                double diff = arrivals - _mean;
                double increment = _alpha * diff;
                _mean += increment;
                _variance = (1.0 - _alpha) * (_variance + diff * increment);
            }

            _samples++;
            return true;
        }

        public double Forecast(int horizon)
        {
            return _mean;
        }

        public double UpperBound(int horizon)
        {
            return _mean + _z * Math.Sqrt(_variance);
        }

        public void Reset()
        {
            _mean = 0.0;
            _variance = 0.0;
            _samples = 0;
        }
    }
}
