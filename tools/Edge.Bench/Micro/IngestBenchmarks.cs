using Edge.Gateway.Core.Flows;
using BenchmarkDotNet.Attributes;
using Edge.Gateway.Core.Aggregation;
using Edge.Gateway.Core.Ingest;
using Edge.Protocol;

namespace Edge.Bench.Micro;

/// <summary>
/// Per-batch cost of the ingest hot path. Decode alone is the baseline, so the other rows read as "how many
/// decodes is this worth"; allocations per batch must stay at zero for decode and near zero for the rest.
/// </summary>
[MemoryDiagnoser]
public class IngestBenchmarks
{
    private readonly InboundDecoder _decoder = new();
    private readonly IngestedBatch _copy = new();
    private Aggregator _aggregator = null!;
    private byte[] _payload = null!;
    private string _topic = null!;

    [Params(16, 256)]
    public int Samples { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var batch = new DataBatch { Flow = 3, Session = 1, FirstSequence = 1000 };
        var random = new Random(42);
        for (int i = 0; i < Samples; i++)
        {
            batch.TryAdd(1_763_856_000_000 + (i * 10), Math.Round(random.NextDouble() * 1000, 2));
        }

        _payload = new byte[ProtocolLimits.BatchBytes(Samples)];
        DataBatchCodec.Encode(batch, _payload, 0);
        _topic = Topics.Node("site1", "pi-01", Topics.Data);
        _aggregator = new Aggregator(TimeProvider.System, _ => { });
    }

    [Benchmark(Baseline = true)]
    public int Decode() => (int)_decoder.Decode(_topic, _payload, 0, _payload.Length);

    [Benchmark]
    public int DecodeAndAggregate()
    {
        _decoder.Decode(_topic, _payload, 0, _payload.Length);
        DataBatch b = _decoder.Batch;
        _aggregator.Add(b.Flow, b.Values.AsSpan(0, b.Count));
        return b.Count;
    }

    [Benchmark]
    public int DecodeCopyAndAggregate()
    {
        _decoder.Decode(_topic, _payload, 0, _payload.Length);
        _copy.Batch.CopyFrom(_decoder.Batch);
        DataBatch b = _copy.Batch;
        _aggregator.Add(b.Flow, b.Values.AsSpan(0, b.Count));
        return b.Count;
    }
}
