using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Edge.Gateway.Core.Aggregation;

namespace Edge.Bench.Micro;

/// <summary>
/// What closing a window costs at 1,000 flows that each committed 240 samples a second (15 batches of 16, about the
/// 80 % load of <c>bench ingest</c> at 1,000 nodes): the batch that crosses a 1 s, 10 s or 1 min boundary closes it.
/// The baseline is the same batch added where no window closes. The store loop used to pay this inside its commit,
/// holding every ack behind it; it is paid on the <c>AggregationLoop</c> now (issue 17).
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 2, iterationCount: 8, invocationCount: 1)]
public class WindowCloseBenchmarks
{
    private const int Flows = 1000;
    private const int BatchesPerSecond = 15;
    private const int BatchSamples = 16;

    private readonly double[] _values = new double[BatchSamples];
    private readonly ManualClock _clock = new();
    private Aggregator _aggregator = null!;
    private int _records;

    [IterationSetup(Target = nameof(NoWindowCloses))]
    public void FillForNone() => Fill(3, crossing: false);

    [IterationSetup(Target = nameof(SecondCloses))]
    public void FillForSecond() => Fill(3, crossing: true);

    [IterationSetup(Target = nameof(TenSecondsClose))]
    public void FillForTenSeconds() => Fill(10, crossing: true);

    [IterationSetup(Target = nameof(MinuteCloses))]
    public void FillForMinute() => Fill(60, crossing: true);

    [Benchmark(Baseline = true)]
    public int NoWindowCloses() => Commit();

    [Benchmark]
    public int SecondCloses() => Commit();

    [Benchmark]
    public int TenSecondsClose() => Commit();

    [Benchmark]
    public int MinuteCloses() => Commit();

    private int Commit()
    {
        _aggregator.Add(0, _values);
        return _records;
    }

    /// <summary>Seconds of load from a 1 min boundary; the clock then stands at the next second or just before it.</summary>
    private void Fill(int seconds, bool crossing)
    {
        var random = new Random(17);
        for (int i = 0; i < _values.Length; i++)
        {
            _values[i] = Math.Round(random.NextDouble() * 1000, 2);
        }

        _records = 0;
        _aggregator = new Aggregator(_clock, records => _records += records.Count);
        long start = 1_800_000_000_000L - (1_800_000_000_000L % 60_000);
        for (int s = 0; s < seconds; s++)
        {
            for (int b = 0; b < BatchesPerSecond; b++)
            {
                _clock.Ms = start + (s * 1000) + (b * (1000 / BatchesPerSecond));
                for (int flow = 0; flow < Flows; flow++)
                {
                    _aggregator.Add(flow, _values);
                }
            }
        }

        _clock.Ms = crossing ? start + (seconds * 1000) : start + (seconds * 1000) - 1;
    }

    private sealed class ManualClock : TimeProvider
    {
        public long Ms { get; set; }

        public override DateTimeOffset GetUtcNow() => DateTimeOffset.FromUnixTimeMilliseconds(Ms);
    }
}
