using Edge.Bench.Buffer;
using Edge.Bench.Pool;

namespace Edge.Bench.Tests.Pool;

[Trait("Category", "Unit")]
public sealed class PoolBenchTests
{
    [Fact]
    public void Mixes_take_every_trace_and_fill_a_short_mix_from_the_start()
    {
        IReadOnlyList<int[]> mixes = PoolBench.Mixes(7, 3);
        Assert.Equal(3, mixes.Count);
        Assert.All(mixes, m => Assert.Equal(3, m.Distinct().Count()));
        Assert.Equal(Enumerable.Range(0, 7), mixes.SelectMany(m => m).Distinct().Order());
    }

    [Fact]
    public void Every_strategy_gets_the_same_arrivals_and_the_pool_is_never_exceeded()
    {
        var physics = new PoolPhysics(new BenchPhysics(), 3);
        var traces = Enumerable.Range(0, 3).Select(i => new Trace("t" + i, Enumerable.Range(0, 400).Select(t => (t + (i * 37)) % (50 + i) < 3 ? 900 : 80).ToArray(), 0)).ToList();
        var knobs = BufferStrategy.Classical(physics.Single).ToDictionary(s => s.Name, s => s.Name == BufferBench.Reactive ? 0.5 : 1.0);

        // The runner throws if any strategy holds more blocks than the pool at any step.
        MixReport mix = PoolBench.RunMix(traces, knobs, physics);

        Assert.Equal(3 + 4, mix.Strategies.Count);
        long arrived = traces.Sum(t => t.Arrivals.Sum(a => (long)a));
        Assert.All(mix.Strategies, s => Assert.Equal(arrived, s.Arrived));
        Assert.All(mix.Strategies, s => Assert.InRange(s.Dropped, 0, arrived));
        Assert.True(mix.PoolBlocks >= 3);
    }
}
