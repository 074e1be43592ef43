namespace Edge.Node.Core.Buffering
{
    /// <summary>
    /// What the node's sizing buys, measured on the node as it runs: two model buffers fed the node's real arrivals
    /// each step and drained by the same modeled uplink (<see cref="BufferSettings.DrainPerStep"/>), one sized by
    /// the node's predictive policy, one by a reactive policy that doubles past a fill threshold. Their drop counts
    /// are what each rule would have lost behind that uplink; the node's own store never drops a replayable sample,
    /// so this is the only honest place to show the difference live. Allocated once; no allocation per step.
    /// </summary>
    public sealed class SizingShadow
    {
        /// <summary>The reactive rule's fill threshold: grow (double) once the buffer is three-quarters full.</summary>
        public const double ReactiveThreshold = 0.75;

        private readonly PredictiveBuffer _predictive;
        private readonly PredictiveBuffer _reactive;

        public SizingShadow(BufferSettings settings)
        {
            _reactive = new PredictiveBuffer(settings, new ReactivePolicy(ReactiveThreshold), settings.FloorBlocks);
            // Sized by the caller's policy in Step (the node's model can change); the static policy is never asked.
            _predictive = new PredictiveBuffer(settings, new StaticPolicy(settings.FloorBlocks), settings.FloorBlocks);
        }

        /// <summary>Samples the predictive model buffer dropped so far.</summary>
        public long PredictiveDropped
        {
            get { return _predictive.Ledger.Dropped; }
        }

        /// <summary>Samples the reactive model buffer dropped so far.</summary>
        public long ReactiveDropped
        {
            get { return _reactive.Ledger.Dropped; }
        }

        /// <summary>One step's arrivals through both; <paramref name="policy"/> is the node's current predictive rule.</summary>
        public void Step(long arrivals, PredictivePolicy policy)
        {
            int bulk = arrivals > int.MaxValue ? int.MaxValue : (int)arrivals;
            _reactive.Step(0, bulk);
            _predictive.Transfer(0, bulk, _predictive.Settings.DrainPerStep);
            _predictive.Resize(policy.DesiredBlocks(_predictive));
        }
    }
}
