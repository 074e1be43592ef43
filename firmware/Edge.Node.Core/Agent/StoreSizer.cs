using Edge.Node.Core.Buffering;
using Edge.Node.Core.Prediction;
using Edge.Node.Core.Sensing;

namespace Edge.Node.Core.Agent
{
    /// <summary>
    /// Once per step: the node's arrivals feed its predictor and the predictive policy (the rule the buffer bench
    /// measures) sizes the node's pool, with expansion latency and shrink hysteresis; then each lane's own arrivals
    /// feed that lane's predictor, and the <see cref="SharedPool"/> (the allocator the pool bench measures) divides
    /// the pool between the lanes by what each expects to hold, so blocks go to the flow whose burst is coming.
    /// </summary>
    public sealed class StoreSizer
    {
        private const int LookAheadWindow = 2;

        private readonly BufferSettings _settings;
        private readonly ArrivalMeter _meter = new ArrivalMeter(64);
        private readonly BlockBudget _budget;
        private readonly SizingShadow _shadow;
        private readonly SharedPool _shares;
        private readonly long[] _laneArrivals;
        private readonly long[] _laneLastArrivals;
        private readonly bool[] _lanePreExpanded;
        private readonly IPredictor[] _lanePredictors;
        private readonly PredictivePolicy[] _lanePolicies;
        private IPredictor _predictor;
        private PredictivePolicy _policy;
        private long _lastArrivals;

        public StoreSizer(BufferSettings settings, IPredictor predictor, double margin)
            : this(settings, 1, predictor, margin)
        {
        }

        public StoreSizer(BufferSettings settings, int lanes, IPredictor predictor, double margin)
        {
            _settings = settings;
            _budget = new BlockBudget(settings, settings.FloorBlocks);
            _shadow = new SizingShadow(settings);
            _shares = new SharedPool(lanes, settings.FloorBlocks);
            _laneArrivals = new long[lanes];
            _laneLastArrivals = new long[lanes];
            _lanePreExpanded = new bool[lanes];
            _lanePredictors = new IPredictor[lanes];
            _lanePolicies = new PredictivePolicy[lanes];
            _predictor = predictor;
            _policy = new PredictivePolicy(predictor, margin, LookAheadWindow);
        }

        public BlockBudget Budget
        {
            get { return _budget; }
        }

        /// <summary>The node's predictor: all lanes' arrivals together (telemetry reports its forecast).</summary>
        public IPredictor Predictor
        {
            get { return _predictor; }
        }

        /// <summary>The predictive and reactive rules replayed on this node's arrivals behind a modeled uplink (telemetry reports their drops).</summary>
        public SizingShadow Shadow
        {
            get { return _shadow; }
        }

        public SharedPool Shares
        {
            get { return _shares; }
        }

        public long LastArrivals
        {
            get { return _lastArrivals; }
        }

        /// <summary>Lane <paramref name="lane"/>'s predictor, or null before its first step.</summary>
        public IPredictor LanePredictor(int lane)
        {
            return _lanePredictors[lane];
        }

        /// <summary>Arrivals lane <paramref name="lane"/> counted in its last step (telemetry reports them per flow).</summary>
        public long LaneArrivals(int lane)
        {
            return _laneLastArrivals[lane];
        }

        /// <summary>
        /// True when, at the last <see cref="Divide"/>, the lane's own predictor wanted room beyond what the lane
        /// stores and its share gives it that room: its part of the pool grew ahead of a burst it forecasts.
        /// </summary>
        public bool LanePreExpanded(int lane)
        {
            return _lanePreExpanded[lane];
        }

        /// <summary>Swaps the node's model (retained config changed it); the budget keeps its capacity.</summary>
        public void Use(IPredictor predictor, double margin)
        {
            _predictor = predictor;
            _policy = new PredictivePolicy(predictor, margin, LookAheadWindow);
        }

        /// <summary>Gives lane <paramref name="lane"/> its own predictor (one per flow; allocated when a lane is set up, not per sample).</summary>
        public void UseForLane(int lane, IPredictor predictor, double margin)
        {
            _lanePredictors[lane] = predictor;
            _lanePolicies[lane] = new PredictivePolicy(predictor, margin, LookAheadWindow);
        }

        public void Arrived()
        {
            _meter.AddEvent();
        }

        public void Arrived(int lane)
        {
            _meter.AddEvent();
            _laneArrivals[lane]++;
        }

        /// <summary>Sizes the node's pool from what it stores in all.</summary>
        public void Step(long stored)
        {
            _lastArrivals = _meter.CloseStep();
            _predictor.Update(_lastArrivals);
            _shadow.Step(_lastArrivals, _policy);
            _budget.BeginStep();
            _budget.Request(_policy.DesiredBlocks(_settings, stored), stored);
        }

        /// <summary>
        /// Divides the pool between lanes: <paramref name="held"/>[i] blocks lane i holds now (it keeps them),
        /// <paramref name="stored"/>[i] samples it stores; afterwards <see cref="LaneLimit"/> says how many blocks
        /// each may hold until the next step. A lane without a predictor wants only what it holds.
        /// </summary>
        public void Divide(int[] held, long[] stored)
        {
            for (int i = 0; i < _laneArrivals.Length; i++)
            {
                long arrivals = _laneArrivals[i];
                _laneArrivals[i] = 0;
                _laneLastArrivals[i] = arrivals;
                _lanePreExpanded[i] = false;
                int want = held[i];
                if (_lanePredictors[i] != null)
                {
                    _lanePredictors[i].Update(arrivals);
                    int wanted = _lanePolicies[i].DesiredBlocks(_settings, stored[i]);
                    _lanePreExpanded[i] = wanted > _settings.BlocksFor(stored[i]);
                    want = wanted > want ? wanted : want;
                }

                _shares.Want(i, want, held[i], held[i]);
            }

            _shares.TotalBlocks = _budget.CapacityBlocks;
            _shares.Divide();
            for (int i = 0; i < _laneArrivals.Length; i++)
            {
                // Wanted is not granted: a lane counts as pre-expanded only once its share holds more than it stores.
                _lanePreExpanded[i] = _lanePreExpanded[i] && _shares.Target(i) > _settings.BlocksFor(stored[i]);
            }
        }

        /// <summary>Blocks lane <paramref name="lane"/> may hold after the last <see cref="Divide"/>.</summary>
        public int LaneLimit(int lane)
        {
            return _shares.Request(lane);
        }
    }
}
