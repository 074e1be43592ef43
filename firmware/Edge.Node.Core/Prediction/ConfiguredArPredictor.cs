using System;

namespace Edge.Node.Core.Prediction
{
    /// <summary>
    /// An autoregressive model trained on the gateway, whose weights arrive in a config message: the shape a model
    /// with remotely trained weights (a tiny recurrent network later) takes behind <see cref="IPredictor"/>. Weights are
    /// [intercept, lag 1 .. lag p, one-step error deviation]. Until weights arrive it forecasts the last value.
    /// </summary>
    public sealed class ConfiguredArPredictor : IPredictor, ILoadableModel
    {
        private readonly int _order;
        private readonly double _z;
        private readonly double[] _weights;
        private readonly ArForecastPath _path;
        private bool _hasWeights;
        private int _samples;

        public ConfiguredArPredictor(int order, double z, int maxHorizon)
        {
            if (order < 1)
            {
                throw new ArgumentOutOfRangeException("order");
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
            _z = z;
            _weights = new double[order + 2];
            _path = new ArForecastPath(order, maxHorizon);
        }

        public string Name
        {
            get { return "ar-configured"; }
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

        public int WeightCount
        {
            get { return _weights.Length; }
        }

        public bool HasWeights
        {
            get { return _hasWeights; }
        }

        public bool LoadWeights(double[] weights, int offset, int count)
        {
            if (weights == null || count != _weights.Length || offset < 0 || offset > weights.Length - count)
            {
                return false;
            }

            for (int i = 0; i < count; i++)
            {
                if (!ArrivalCheck.IsFinite(weights[offset + i]))
                {
                    return false;
                }
            }

            if (weights[offset + count - 1] < 0.0)
            {
                return false;
            }

            Array.Copy(weights, offset, _weights, 0, count);
            _hasWeights = true;
            ComputePath();
            return true;
        }

        public bool Update(double arrivals)
        {
            if (!ArrivalCheck.IsValid(arrivals))
            {
                return false;
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
            double deviation = _hasWeights ? _weights[_order + 1] : 0.0;
            return _path.At(h) + _z * deviation * Math.Sqrt(h);
        }

        /// <summary>Forgets the samples seen; the loaded weights stay, as they came from config, not from the stream.</summary>
        public void Reset()
        {
            _path.Clear();
            _samples = 0;
        }

        private void ComputePath()
        {
            if (!_hasWeights || _samples < _order)
            {
                _path.Persist();
                return;
            }

            _path.Project(_weights, double.MaxValue);
        }
    }
}
