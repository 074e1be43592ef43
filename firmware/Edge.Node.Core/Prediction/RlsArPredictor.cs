using System;

namespace Edge.Node.Core.Prediction
{
    /// <summary>
    /// An autoregressive model with intercept, x[t] = w0 + w1 x[t-1] + ... + wp x[t-p], fitted online by recursive
    /// least squares with a forgetting factor, so it follows a trace whose dynamics drift. The multi-step path is
    /// computed once per update (recursively, feeding forecasts back in), so forecasts are array reads.
    /// </summary>
    public sealed class RlsArPredictor : IPredictor
    {
        private const double InitialCovariance = 1e4;

        // Past this the covariance has wound up (forgetting with no new excitation, e.g. a flat signal) and is reset.
        private const double MaxCovariance = 1e12;

        private const double ResidualAlpha = 0.1;

        private readonly int _order;
        private readonly int _n;
        private readonly double _lambda;
        private readonly double _z;
        private readonly ArForecastPath _path;
        private readonly double[] _phi;
        private readonly double[] _weights;
        private readonly double[] _covariance;
        private readonly double[] _gain;
        private double _residualVariance;
        private int _samples;

        public RlsArPredictor()
            : this(4, 0.99, 2.0, 16)
        {
        }

        public RlsArPredictor(int order, double forgetting, double z, int maxHorizon)
        {
            if (order < 1)
            {
                throw new ArgumentOutOfRangeException("order");
            }

            if (!(forgetting > 0.5 && forgetting <= 1.0))
            {
                throw new ArgumentOutOfRangeException("forgetting");
            }

            if (!(z >= 0.0))
            {
                throw new ArgumentOutOfRangeException("z");
            }

            if (maxHorizon < 1)
            {
                throw new ArgumentOutOfRangeException("maxHorizon");
            }

            _order = order;
            _n = order + 1;
            _lambda = forgetting;
            _z = z;
            _path = new ArForecastPath(order, maxHorizon);
            _phi = new double[_n];
            _weights = new double[_n];
            _covariance = new double[_n * _n];
            _gain = new double[_n];
            Reset();
        }

        public string Name
        {
            get { return "ar-rls"; }
        }

        public int MaxHorizon
        {
            get { return _path.MaxHorizon; }
        }

        public int Samples
        {
            get { return _samples; }
        }

        public bool Alarm
        {
            get { return false; }
        }

        /// <summary>Weight i (0 = intercept, i = coefficient of lag i).</summary>
        public double Weight(int index)
        {
            return _weights[index];
        }

        public bool Update(double arrivals)
        {
            if (!ArrivalCheck.IsValid(arrivals))
            {
                return false;
            }

            if (_samples >= _order)
            {
                Fit(arrivals);
            }

            _path.Push(arrivals);
            _samples++;
            ComputePath();
            return true;
        }

        public double Forecast(int horizon)
        {
            return _path.At(horizon);
        }

        public double UpperBound(int horizon)
        {
            int h = ArrivalCheck.ClampHorizon(horizon, _path.MaxHorizon);
            return _path.At(h) + _z * Math.Sqrt(_residualVariance * h);
        }

        public void Reset()
        {
            _path.Clear();
            Array.Clear(_weights, 0, _weights.Length);
            ResetCovariance();
            _residualVariance = 0.0;
            _samples = 0;
        }

        private void Fit(double y)
        {
            int n = _n;
            double[] p = _covariance;
            _phi[0] = 1.0;
            for (int i = 0; i < _order; i++)
            {
                _phi[i + 1] = _path.Lag(i);
            }

            double predicted = 0.0;
            double denominator = _lambda;
            for (int r = 0; r < n; r++)
            {
                double sum = 0.0;
                int row = r * n;
                for (int c = 0; c < n; c++)
                {
                    sum += p[row + c] * _phi[c];
                }

                _gain[r] = sum;
                denominator += _phi[r] * sum;
                predicted += _weights[r] * _phi[r];
            }

            double error = y - predicted;
            _residualVariance = (1.0 - ResidualAlpha) * _residualVariance + ResidualAlpha * error * error;

            bool wound = false;
            for (int r = 0; r < n; r++)
            {
                double k = _gain[r] / denominator;
                _weights[r] += k * error;
                int row = r * n;
                for (int c = 0; c < n; c++)
                {
                    // P symmetric, so phi^T P is the transpose of P phi (_gain before scaling).
                    p[row + c] = (p[row + c] - k * _gain[c]) / _lambda;
                }

                double diagonal = p[row + r];
                if (!(diagonal > 0.0 && diagonal < MaxCovariance))
                {
                    wound = true;
                }
            }

            if (wound)
            {
                ResetCovariance();
            }

            for (int i = 0; i < n; i++)
            {
                if (!ArrivalCheck.IsFinite(_weights[i]))
                {
                    Array.Clear(_weights, 0, _weights.Length);
                    ResetCovariance();
                    break;
                }
            }
        }

        private void ComputePath()
        {
            // Until the model has enough history, the best forecast is the last value (a naive persistence model).
            if (_samples <= _order)
            {
                _path.Persist();
                return;
            }

            // Clamp to twice the recent maximum: an AR fit with a unit root would otherwise run away over a long horizon.
            _path.Project(_weights, (2.0 * _path.RecentMax()) + 1.0);
        }

        private void ResetCovariance()
        {
            Array.Clear(_covariance, 0, _covariance.Length);
            for (int i = 0; i < _n; i++)
            {
                _covariance[i * _n + i] = InitialCovariance;
            }
        }
    }
}
