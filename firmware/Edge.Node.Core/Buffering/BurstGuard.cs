using Edge.Node.Core.Prediction;
using Edge.Node.Core.Sensing;

namespace Edge.Node.Core.Buffering
{
    /// <summary>
    /// One node's whole burst-handling state at default settings: the arrival meter, a predictor, and the predictive
    /// buffer it sizes. Hosts call Step once per tick with the step's control and bulk arrivals.
    /// </summary>
    public sealed class BurstGuard
    {
        public const int DefaultWindowLength = 64;
        public const double DefaultMargin = 1.0;
        public const int DefaultLookAheadWindow = 2;

        private readonly ArrivalMeter _meter;
        private readonly IPredictor _predictor;
        private readonly PredictiveBuffer _buffer;

        /// <summary>Default settings with the precursor detector, the predictor that needs no tuning per signal.</summary>
        public BurstGuard()
            : this(new BufferSettings(), new PrecursorDetector(), DefaultMargin)
        {
        }

        public BurstGuard(BufferSettings settings, IPredictor predictor, double margin)
        {
            _meter = new ArrivalMeter(DefaultWindowLength);
            _predictor = predictor;
            _buffer = new PredictiveBuffer(settings, new PredictivePolicy(predictor, margin, DefaultLookAheadWindow), settings.FloorBlocks);
        }

        public ArrivalMeter Meter
        {
            get { return _meter; }
        }

        public IPredictor Predictor
        {
            get { return _predictor; }
        }

        public PredictiveBuffer Buffer
        {
            get { return _buffer; }
        }

        public void Step(int controlArrivals, int bulkArrivals)
        {
            _meter.AddEvents(controlArrivals);
            _meter.AddEvents(bulkArrivals);
            _predictor.Update(_meter.CloseStep());
            _buffer.Step(controlArrivals, bulkArrivals);
        }
    }
}
