using System;

namespace Edge.Node.Core.Prediction
{
    /// <summary>
    /// Raises an early alarm when the rate starts to rise: a short/long EWMA ratio for fast rises and a one-sided
    /// CUSUM for slow ones. While alarmed, the upper bound jumps to the typical height of past bursts (learned online),
    /// because a burst that has only just started is usually about as big as the last ones, not as big as its start.
    /// </summary>
    public sealed class PrecursorDetector : IPredictor
    {
        private const double ShortAlpha = 0.5;
        private const double LongAlpha = 0.05;
        private const double BurstAlpha = 0.3;
        private const double ForecastDecay = 0.7;

        // A sample this many long-run deviations above the long mean counts as part of a burst (feeds the burst level).
        private const double BurstSigmas = 3.0;

        private readonly double _ratio;
        private readonly double _cusumSlack;
        private readonly double _cusumThreshold;
        private readonly int _holdSteps;
        private readonly double _z;
        private readonly double[] _decay;
        private double _short;
        private double _long;
        private double _longVariance;
        private double _cusum;
        private double _burstLevel;
        private int _alarmLeft;
        private int _samples;

        public PrecursorDetector()
            : this(2.0, 0.5, 4.0, 4, 2.0, 16)
        {
        }

        /// <param name="ratio">Short/long EWMA ratio that raises the alarm.</param>
        /// <param name="cusumSlack">Rise per step, in long-run deviations, that CUSUM tolerates as noise.</param>
        /// <param name="cusumThreshold">Accumulated rise, in long-run deviations, that raises the alarm.</param>
        /// <param name="holdSteps">Steps the alarm stays up after the last trigger.</param>
        /// <param name="z">Deviations above the forecast for the upper bound when not alarmed.</param>
        /// <param name="maxHorizon">Longest horizon answered.</param>
        public PrecursorDetector(double ratio, double cusumSlack, double cusumThreshold, int holdSteps, double z, int maxHorizon)
        {
            if (!(ratio > 1.0))
            {
                throw new ArgumentOutOfRangeException("ratio");
            }

            if (!(cusumSlack >= 0.0) || !(cusumThreshold > 0.0))
            {
                throw new ArgumentOutOfRangeException("cusumThreshold");
            }

            if (holdSteps < 1)
            {
                throw new ArgumentOutOfRangeException("holdSteps");
            }

            if (!(z >= 0.0))
            {
                throw new ArgumentOutOfRangeException("z");
            }

            if (maxHorizon < 1)
            {
                throw new ArgumentOutOfRangeException("maxHorizon");
            }

            _ratio = ratio;
            _cusumSlack = cusumSlack;
            _cusumThreshold = cusumThreshold;
            _holdSteps = holdSteps;
            _z = z;
            _decay = new double[maxHorizon];
            double decay = 1.0;
            for (int h = 0; h < maxHorizon; h++)
            {
                decay *= ForecastDecay;
                _decay[h] = decay;
            }
        }

        public string Name
        {
            get { return "precursor"; }
        }

        public int MaxHorizon
        {
            get { return _decay.Length; }
        }

        public int Samples
        {
            get { return _samples; }
        }

        public bool Alarm
        {
            get { return _alarmLeft > 0; }
        }

        /// <summary>Typical arrivals per step during past bursts; 0 until a burst has been seen.</summary>
        public double BurstLevel
        {
            get { return _burstLevel; }
        }

        public bool Update(double arrivals)
        {
            if (!ArrivalCheck.IsValid(arrivals))
            {
                return false;
            }

            _samples++;
            if (_samples == 1)
            {
                _short = arrivals;
                _long = arrivals;
                return true;
            }

            // Deviation floor: a perfectly flat history must not turn the first small rise into infinite sigmas.
            double deviation = Math.Max(Math.Sqrt(_longVariance), 0.05 * _long + 1e-9);
            bool burstSample = arrivals > _long + BurstSigmas * deviation;

            _cusum = Math.Max(0.0, _cusum + (arrivals - _long) / deviation - _cusumSlack);
            _short += ShortAlpha * (arrivals - _short);
            bool triggered = _cusum > _cusumThreshold || (_short > _ratio * _long && _short - _long > deviation);
            if (triggered)
            {
                _alarmLeft = _holdSteps;
                _cusum = 0.0;
            }
            else if (_alarmLeft > 0)
            {
                _alarmLeft--;
            }

            if (burstSample)
            {
                _burstLevel = _burstLevel == 0.0 ? arrivals : _burstLevel + BurstAlpha * (arrivals - _burstLevel);
            }

            double diff = arrivals - _long;
            double increment = LongAlpha * diff;
            _long += increment;
            _longVariance = (1.0 - LongAlpha) * (_longVariance + diff * increment);
            return true;
        }

        public double Forecast(int horizon)
        {
            int h = ArrivalCheck.ClampHorizon(horizon, _decay.Length);
            return _long + (_short - _long) * _decay[h - 1];
        }

        public double UpperBound(int horizon)
        {
            double bound = Forecast(horizon) + _z * Math.Sqrt(_longVariance);
            return Alarm && _burstLevel > bound ? _burstLevel : bound;
        }

        public void Reset()
        {
            _short = 0.0;
            _long = 0.0;
            _longVariance = 0.0;
            _cusum = 0.0;
            _burstLevel = 0.0;
            _alarmLeft = 0;
            _samples = 0;
        }
    }
}
