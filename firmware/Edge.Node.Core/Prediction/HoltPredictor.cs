using System;

namespace Edge.Node.Core.Prediction
{
    /// <summary>
    /// Holt's linear trend (double exponential smoothing): level plus slope, so a ramp-up is extrapolated into the
    /// coming steps instead of lagging behind it. The spread is the EW variance of one-step errors, widened with the
    /// square root of the horizon (a random-walk approximation; exact Holt intervals cost more than they help here).
    /// </summary>
    public sealed class HoltPredictor : IPredictor
    {
        private readonly double _alpha;
        private readonly double _beta;
        private readonly double _z;
        private readonly int _maxHorizon;
        private double _level;
        private double _trend;
        private double _errorVariance;
        private int _samples;

        public HoltPredictor()
            : this(0.5, 0.2, 2.0, 16)
        {
        }

        public HoltPredictor(double alpha, double beta, double z, int maxHorizon)
        {
            if (!(alpha > 0.0 && alpha <= 1.0))
            {
                throw new ArgumentOutOfRangeException("alpha");
            }

            if (!(beta > 0.0 && beta <= 1.0))
            {
                throw new ArgumentOutOfRangeException("beta");
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
            _beta = beta;
            _z = z;
            _maxHorizon = maxHorizon;
        }

        public string Name
        {
            get { return "holt"; }
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

        public double Level
        {
            get { return _level; }
        }

        public double Trend
        {
            get { return _trend; }
        }

        public bool Update(double arrivals)
        {
            if (!ArrivalCheck.IsValid(arrivals))
            {
                return false;
            }

            if (_samples == 0)
            {
                _level = arrivals;
                _trend = 0.0;
            }
            else
            {
                double predicted = _level + _trend;
                double error = arrivals - predicted;
                _errorVariance = (1.0 - _alpha) * _errorVariance + _alpha * error * error;
                double previousLevel = _level;
                _level = _alpha * arrivals + (1.0 - _alpha) * predicted;
                _trend = _beta * (_level - previousLevel) + (1.0 - _beta) * _trend;
            }

            _samples++;
            return true;
        }

        public double Forecast(int horizon)
        {
            int h = ArrivalCheck.ClampHorizon(horizon, _maxHorizon);
            double forecast = _level + h * _trend;
            return forecast > 0.0 ? forecast : 0.0;
        }

        public double UpperBound(int horizon)
        {
            int h = ArrivalCheck.ClampHorizon(horizon, _maxHorizon);
            return Forecast(h) + _z * Math.Sqrt(_errorVariance * h);
        }

        public void Reset()
        {
            _level = 0.0;
            _trend = 0.0;
            _errorVariance = 0.0;
            _samples = 0;
        }
    }
}
