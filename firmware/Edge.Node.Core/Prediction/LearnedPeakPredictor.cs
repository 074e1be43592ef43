using System;

namespace Edge.Node.Core.Prediction
{
    /// <summary>
    /// A model trained by the gateway on the fleet's history (gateway/Edge.Gateway.Core/Learning): a high quantile
    /// of the largest arrivals over the next few steps, in units of the running level, from the inputs of
    /// <see cref="PeakFeatures"/>. The quantile is the upper bound at every horizon, so the predictive policy
    /// provisions for the burst the model sees coming. Weights: [period, hidden, parameters...]; hidden 0 is a
    /// linear model (12 parameters, 12 multiply-adds a step), hidden h a one-layer ReLU network (13h + 1 parameters,
    /// 13h multiply-adds). Until weights arrive it forecasts the short mean with no margin.
    /// </summary>
    public sealed class LearnedPeakPredictor : IPredictor, ILoadableModel
    {
        public const int MaxHidden = 16;

        /// <summary>Header (period, hidden) and the parameters of the largest network this class takes.</summary>
        public const int MaxWeights = 2 + (MaxHidden * (PeakFeatures.Count + 1)) + 1;

        private readonly PeakFeatures _features = new PeakFeatures();
        private readonly double[] _parameters = new double[MaxWeights - 2];
        private readonly int _maxHorizon;
        private int _hidden;
        private int _count;
        private bool _hasWeights;
        private double _peak;

        public LearnedPeakPredictor()
            : this(16)
        {
        }

        public LearnedPeakPredictor(int maxHorizon)
        {
            if (maxHorizon < 1)
            {
                throw new ArgumentOutOfRangeException("maxHorizon");
            }

            _maxHorizon = maxHorizon;
        }

        public string Name
        {
            get { return "learned"; }
        }

        public int MaxHorizon
        {
            get { return _maxHorizon; }
        }

        public int Samples
        {
            get { return _features.Samples; }
        }

        public bool Alarm
        {
            get { return false; }
        }

        /// <summary>The most weights this model takes; <see cref="LoadWeights"/> accepts exactly what the header implies.</summary>
        public int WeightCount
        {
            get { return MaxWeights; }
        }

        public bool HasWeights
        {
            get { return _hasWeights; }
        }

        public int Hidden
        {
            get { return _hidden; }
        }

        /// <summary>Multiply-adds per step for the loaded model (the inputs themselves cost comparisons, not these).</summary>
        public int MultiplyAdds
        {
            get { return _hidden == 0 ? PeakFeatures.Count : _hidden * (PeakFeatures.Count + 1); }
        }

        public PeakFeatures Features
        {
            get { return _features; }
        }

        /// <summary>Number of weights (header included) of a model with <paramref name="hidden"/> units.</summary>
        public static int WeightsFor(int hidden)
        {
            return 2 + (hidden == 0 ? PeakFeatures.Count : (hidden * (PeakFeatures.Count + 1)) + 1);
        }

        public bool LoadWeights(double[] weights, int offset, int count)
        {
            if (weights == null || offset < 0 || count < 2 || offset > weights.Length - count)
            {
                return false;
            }

            double period = weights[offset];
            double hidden = weights[offset + 1];
            if (!(period >= 0 && period <= PeakFeatures.MaxPeriod && hidden >= 0 && hidden <= MaxHidden)
                || period != (int)period || hidden != (int)hidden || count != WeightsFor((int)hidden))
            {
                return false;
            }

            for (int i = 2; i < count; i++)
            {
                if (!ArrivalCheck.IsFinite(weights[offset + i]))
                {
                    return false;
                }
            }

            if ((int)period != _features.Period)
            {
                _features.UsePeriod((int)period);
            }

            _hidden = (int)hidden;
            _count = count - 2;
            Array.Copy(weights, offset + 2, _parameters, 0, _count);
            _hasWeights = true;
            _peak = Evaluate();
            return true;
        }

        /// <summary>Forgets the loaded model: back to the short mean.</summary>
        public void Unload()
        {
            _hasWeights = false;
            _peak = 0.0;
        }

        public bool Update(double arrivals)
        {
            if (!ArrivalCheck.IsValid(arrivals))
            {
                return false;
            }

            _features.Update(arrivals);
            _peak = _hasWeights ? Evaluate() : 0.0;
            return true;
        }

        public double Forecast(int horizon)
        {
            return _features.ShortMean;
        }

        public double UpperBound(int horizon)
        {
            double mean = _features.ShortMean;
            return _peak > mean ? _peak : mean;
        }

        public void Reset()
        {
            _features.Reset();
            _peak = 0.0;
        }

        /// <summary>The model's quantile of the coming peak, in arrivals (the level times the model's output, at least 0).</summary>
        private double Evaluate()
        {
            if (_features.Samples == 0)
            {
                return 0.0;
            }

            int n = PeakFeatures.Count;
            double output;
            if (_hidden == 0)
            {
                output = 0.0;
                for (int j = 0; j < n; j++)
                {
                    output += _parameters[j] * _features.Value(j);
                }
            }
            else
            {
                // Layout: hidden rows of n input weights, then hidden output weights, then the output bias.
                int outputs = _hidden * n;
                output = _parameters[outputs + _hidden];
                for (int k = 0; k < _hidden; k++)
                {
                    double z = 0.0;
                    int row = k * n;
                    for (int j = 0; j < n; j++)
                    {
                        z += _parameters[row + j] * _features.Value(j);
                    }

                    if (z > 0.0)
                    {
                        output += _parameters[outputs + k] * z;
                    }
                }
            }

            return output > 0.0 ? output * _features.Scale : 0.0;
        }
    }
}
