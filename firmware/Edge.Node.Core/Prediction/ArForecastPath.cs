using System;

namespace Edge.Node.Core.Prediction
{
    /// <summary>
    /// The recent history of an autoregressive model and its forecast path h = 1..MaxHorizon, rolled forward
    /// with whatever weights the model has (fitted online or loaded from config). Preallocated: no allocation
    /// per update.
    /// </summary>
    public sealed class ArForecastPath
    {
        private readonly int _order;
        private readonly double[] _history;
        private readonly double[] _path;
        private readonly double[] _scratch;

        public ArForecastPath(int order, int maxHorizon)
        {
            _order = order;
            _history = new double[order];
            _path = new double[maxHorizon];
            _scratch = new double[order + maxHorizon];
        }

        public int MaxHorizon
        {
            get { return _path.Length; }
        }

        /// <summary>The value <paramref name="lag"/> steps back (0 = newest).</summary>
        public double Lag(int lag)
        {
            return _history[lag];
        }

        public double At(int horizon)
        {
            return _path[ArrivalCheck.ClampHorizon(horizon, _path.Length) - 1];
        }

        public void Push(double arrivals)
        {
            for (int i = _order - 1; i > 0; i--)
            {
                _history[i] = _history[i - 1];
            }

            _history[0] = arrivals;
        }

        /// <summary>Naive persistence: every horizon forecasts the newest value (too little history for the model).</summary>
        public void Persist()
        {
            for (int h = 0; h < _path.Length; h++)
            {
                _path[h] = _history[0];
            }
        }

        /// <summary>
        /// Rolls the model forward: weights[0] is the intercept, weights[lag] the coefficient of lag 1..order; each
        /// step is clamped to [0, limit], since arrivals cannot be negative.
        /// </summary>
        public void Project(double[] weights, double limit)
        {
            for (int i = 0; i < _order; i++)
            {
                _scratch[i] = _history[_order - 1 - i];
            }

            for (int h = 0; h < _path.Length; h++)
            {
                int newest = _order - 1 + h;
                double value = weights[0];
                for (int lag = 1; lag <= _order; lag++)
                {
                    value += weights[lag] * _scratch[newest + 1 - lag];
                }

                value = value < 0.0 ? 0.0 : (value > limit ? limit : value);
                _scratch[newest + 1] = value;
                _path[h] = value;
            }
        }

        /// <summary>Largest value in the history window.</summary>
        public double RecentMax()
        {
            double max = 0.0;
            for (int i = 0; i < _order; i++)
            {
                max = Math.Max(max, _history[i]);
            }

            return max;
        }

        public void Clear()
        {
            Array.Clear(_history, 0, _history.Length);
            Array.Clear(_path, 0, _path.Length);
        }
    }
}
