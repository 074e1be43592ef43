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
