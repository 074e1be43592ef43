using System;
using Edge.Node.Core.Prediction;

namespace Edge.Node.Core.Buffering
{
    /// <summary>
    /// Sizes the buffer for the backlog the predictor's upper bound implies over the next steps: starting from what
    /// is stored, add the bound's arrivals and take away the drain, step by step, and keep the peak. Capacity asked
    /// for now arrives only after the expansion latency, so the look-ahead covers the latency plus a short window.
    /// Its one knob is the margin: how much of the predicted excess over what is stored to provision (0 = none).
    /// </summary>
    public sealed class PredictivePolicy : ICapacityPolicy
    {
        private readonly IPredictor _predictor;
        private readonly double _margin;
        private readonly int _window;

        public PredictivePolicy(IPredictor predictor, double margin, int window)
        {
            if (predictor == null)
            {
                throw new ArgumentNullException("predictor");
            }

            if (!(margin >= 0.0))
            {
                throw new ArgumentOutOfRangeException("margin");
            }

            if (window < 1)
            {
                throw new ArgumentOutOfRangeException("window");
            }

            _predictor = predictor;
            _margin = margin;
            _window = window;
        }

        public string Name
        {
            get { return "predictive"; }
        }

        public IPredictor Predictor
        {
            get { return _predictor; }
        }

        public double Margin
        {
            get { return _margin; }
        }

        public int DesiredBlocks(PredictiveBuffer buffer)
        {
            return DesiredBlocks(buffer.Settings, buffer.Ledger.Buffered);
        }

        /// <summary>The same rule for any store that knows what it holds (the node agent's acknowledged-sample store).</summary>
        public int DesiredBlocks(BufferSettings settings, double stored)
        {
            double backlog = stored;
            double peak = stored;
            int horizon = settings.ExpansionLatency + _window;
            for (int h = 1; h <= horizon; h++)
            {
                backlog += _predictor.UpperBound(h) - settings.DrainPerStep;
                if (backlog < 0.0)
                {
                    backlog = 0.0;
                }
                else if (backlog > peak)
                {
                    peak = backlog;
                }
            }

            double wanted = stored + _margin * (peak - stored);
            double ceiling = settings.CeilingSamples;
            return settings.BlocksFor((long)Math.Ceiling(wanted < ceiling ? wanted : ceiling));
        }
    }
}
