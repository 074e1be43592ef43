using BenchmarkDotNet.Attributes;
using Edge.Node.Core.Buffering;
using Edge.Node.Core.Prediction;

namespace Edge.Bench.Micro;

/// <summary>
/// One operation = one sample: predictor update + buffer step (with the policy's look-ahead). The baseline is the
/// buffer step under a static policy with no predictor, so each ratio is what prediction adds per sample.
/// </summary>
[MemoryDiagnoser]
public class PerSampleBenchmarks
{
    private const int Samples = 4096;

    private readonly int[] _arrivals = new int[Samples];
    private PredictiveBuffer _static = null!;
    private Node _ewma = null!;
    private Node _holt = null!;
    private Node _ar = null!;
    private Node _precursor = null!;
    private Node _learned = null!;
    private PooledBuffers _pooled = null!;
    private IPredictor[] _lanePredictors = null!;
    private int[] _laneStep = null!;

    [GlobalSetup]
    public void Setup()
    {
        // A bursty stream like the bench's scaled traces: mean about 100 a step, 5 % of steps a burst of 800.
        var random = new Random(42);
        for (int i = 0; i < Samples; i++)
        {
            _arrivals[i] = random.NextDouble() < 0.05 ? 800 : 60 + random.Next(40);
        }

        _static = new PredictiveBuffer(Settings(), new StaticPolicy(8), 8);
        _ewma = new Node(new EwmaPredictor());
        _holt = new Node(new HoltPredictor());
        _ar = new Node(new RlsArPredictor());
        _precursor = new Node(new PrecursorDetector());
        _learned = new Node(Learned());

        // The node agent's allocator: four lanes, each with its own predictor, sharing a 32-block pool and one uplink.
        _lanePredictors = [new EwmaPredictor(), new EwmaPredictor(), new EwmaPredictor(), new EwmaPredictor()];
        var settings = Settings();
        settings.CeilingBlocks = 32;
        _pooled = new PooledBuffers(settings, [.. _lanePredictors.Select(p => (ICapacityPolicy)new PredictivePolicy(p, 1.0, 2))], 32, 600);
        _laneStep = new int[4];
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Samples)]
    public long StaticBufferOnly()
    {
        for (int i = 0; i < Samples; i++)
        {
            _static.Step(0, _arrivals[i]);
        }

        return _static.Ledger.Dropped;
    }

    [Benchmark(OperationsPerInvoke = Samples)]
    public long Ewma() => _ewma.Run(_arrivals);

    [Benchmark(OperationsPerInvoke = Samples)]
    public long Holt() => _holt.Run(_arrivals);

    [Benchmark(OperationsPerInvoke = Samples)]
    public long ArRls() => _ar.Run(_arrivals);

    [Benchmark(OperationsPerInvoke = Samples)]
    public long Precursor() => _precursor.Run(_arrivals);

    /// <summary>The learned peak model at its largest shipped size (8 hidden units, seasonal input over 288 steps).</summary>
    [Benchmark(OperationsPerInvoke = Samples)]
    public long LearnedMlp() => _learned.Run(_arrivals);

    /// <summary>One sample = one lane-step of four lanes through the shared pool (each lane's EWMA, policy and the pool's division).</summary>
    [Benchmark(OperationsPerInvoke = Samples)]
    public long PooledEwmaFourLanes()
    {
        for (int i = 0; i < Samples; i += 4)
        {
            for (int lane = 0; lane < 4; lane++)
            {
                _laneStep[lane] = _arrivals[i + lane];
                _lanePredictors[lane].Update(_laneStep[lane]);
            }

            _pooled.Step(_laneStep);
        }

        return _pooled.Lane(0).Ledger.Dropped;
    }

    private static LearnedPeakPredictor Learned()
    {
        var predictor = new LearnedPeakPredictor();
        double[] weights = new double[LearnedPeakPredictor.WeightsFor(8)];
        weights[0] = 288;
        weights[1] = 8;
        for (int i = 2; i < weights.Length; i++)
        {
            weights[i] = (((i * 37) % 11) - 5) / 10.0;
        }

        predictor.LoadWeights(weights, 0, weights.Length);
        return predictor;
    }

    private static BufferSettings Settings() => new()
    {
        BlockSize = 50,
        FloorBlocks = 1,
        CeilingBlocks = 128,
        ExpansionLatency = 2,
        DrainPerStep = 150,
    };

    private sealed class Node(IPredictor predictor)
    {
        private readonly PredictiveBuffer _buffer = new(Settings(), new PredictivePolicy(predictor, 1.0, 2), 1);

        public long Run(int[] arrivals)
        {
            for (int i = 0; i < arrivals.Length; i++)
            {
                predictor.Update(arrivals[i]);
                _buffer.Step(0, arrivals[i]);
            }

            return _buffer.Ledger.Dropped;
        }
    }
}
