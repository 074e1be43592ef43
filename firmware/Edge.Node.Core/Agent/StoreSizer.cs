using Edge.Node.Core.Buffering;
using Edge.Node.Core.Prediction;
using Edge.Node.Core.Sensing;

namespace Edge.Node.Core.Agent
{
    /// <summary>
    /// Once per step: the step's arrivals feed the predictor, the predictive policy (the rule the buffer bench
    /// measures) says how many blocks the store should have, and the budget applies expansion latency and
    /// shrink hysteresis before the pool may use them.
    /// </summary>
    public sealed class StoreSizer
    {
        private const int LookAheadWindow = 2;

        private readonly BufferSettings _settings;
        private readonly ArrivalMeter _meter = new ArrivalMeter(64);
        private readonly BlockBudget _budget;
        private IPredictor _predictor;
        private PredictivePolicy _policy;
        private long _lastArrivals;

        public StoreSizer(BufferSettings settings, IPredictor predictor, double margin)
        {
            _settings = settings;
            _budget = new BlockBudget(settings, settings.FloorBlocks);
            Use(predictor, margin);
        }

        public BlockBudget Budget
        {
            get { return _budget; }
        }

        public IPredictor Predictor
        {
            get { return _predictor; }
        }

        public long LastArrivals
        {
            get { return _lastArrivals; }
        }

        /// <summary>Swaps the model (retained config changed it); the budget keeps its capacity.</summary>
        public void Use(IPredictor predictor, double margin)
        {
            _predictor = predictor;
            _policy = new PredictivePolicy(predictor, margin, LookAheadWindow);
        }

        public void Arrived()
        {
            _meter.AddEvent();
        }

        public void Step(long stored)
        {
            _lastArrivals = _meter.CloseStep();
            _predictor.Update(_lastArrivals);
            _budget.BeginStep();
            _budget.Request(_policy.DesiredBlocks(_settings, stored), stored);
        }
    }
}
