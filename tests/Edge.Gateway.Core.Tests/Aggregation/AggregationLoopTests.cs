using Edge.Gateway.Core.Aggregation;
using Edge.Gateway.Core.Tests.Support;

namespace Edge.Gateway.Core.Tests.Aggregation;

/// <summary>
/// The aggregator runs on a loop of its own so that a window's close never holds the store loop (issue 17: the 10 s
/// close of 1,000 flows held commits and acks for over 400 ms on a loaded machine).
/// </summary>
[Trait("Category", "Unit")]
public sealed class AggregationLoopTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private readonly ManualClock _clock = new();

    [Fact]
    public async Task A_commit_is_not_held_by_a_window_stuck_in_its_sink()
    {
        using var stuck = new ManualResetEventSlim(false);
        using var closing = new ManualResetEventSlim(false);
        var loop = new AggregationLoop(new Aggregator(_clock, _ =>
        {
            closing.Set();
            stuck.Wait(Wait);
        }), _clock);
        using var stop = new CancellationTokenSource();
        Task running = Task.Run(() => loop.RunAsync(stop.Token));

        await loop.PostAsync(Samples((1, [1, 2, 3])), CancellationToken.None);
        _clock.Advance(TimeSpan.FromSeconds(1));
        await loop.PostAsync(Samples((1, [4])), CancellationToken.None);
        Assert.True(closing.Wait(Wait), "the second's close never reached the sink");

        // The sink holds the loop; the store loop's next commits still go through at once.
        for (int i = 0; i < 10; i++)
        {
            ValueTask post = loop.PostAsync(Samples((2, [i])), CancellationToken.None);
            Assert.True(post.IsCompleted, "commit " + i + " waited for the closing window");
        }

        stuck.Set();
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running);
    }

    [Fact]
    public async Task Samples_count_in_the_window_of_their_commit_even_when_aggregated_later()
    {
        var closed = new List<RollupRecord>();
        var loop = new AggregationLoop(new Aggregator(_clock, r => closed.AddRange(r)), _clock);

        // Committed in the first second, aggregated (by a loop started late) in the third.
        await loop.PostAsync(Samples((7, [10, 20])), CancellationToken.None);
        long first = _clock.GetUtcNow().ToUnixTimeMilliseconds();
        _clock.Advance(TimeSpan.FromSeconds(2));
        loop.Tick();
        loop.Complete();
        await loop.RunAsync(CancellationToken.None);

        RollupRecord second = Assert.Single(closed, r => r.Window == "1s" && r.Flow == 7);
        Assert.Equal((first - (first % 1000), 2L, 30.0), (second.StartMs, second.Count, second.Sum));
    }

    [Fact]
    public async Task A_full_queue_makes_the_store_wait_and_loses_nothing()
    {
        var closed = new List<RollupRecord>();
        var loop = new AggregationLoop(new Aggregator(_clock, r => closed.AddRange(r)), _clock, capacity: 2);

        await loop.PostAsync(Samples((1, [1])), CancellationToken.None);
        await loop.PostAsync(Samples((1, [2])), CancellationToken.None);
        ValueTask third = loop.PostAsync(Samples((1, [3])), CancellationToken.None);
        Assert.False(third.IsCompleted, "a third group went past a queue of two");

        using var stop = new CancellationTokenSource();
        Task running = Task.Run(() => loop.RunAsync(stop.Token));
        await third.AsTask().WaitAsync(Wait);
        _clock.Advance(TimeSpan.FromSeconds(1));
        loop.Tick();
        loop.Complete();
        await running.WaitAsync(Wait);

        RollupRecord flow = Assert.Single(closed, r => r.Window == "1s" && r.Flow == 1);
        Assert.Equal((3L, 6.0), (flow.Count, flow.Sum));
    }

    [Fact]
    public void A_sample_stamped_before_a_tick_that_came_first_does_not_reopen_the_closed_second()
    {
        var closed = new List<RollupRecord>();
        var aggregator = new Aggregator(_clock, r => closed.AddRange(r));
        long start = _clock.GetUtcNow().ToUnixTimeMilliseconds();

        aggregator.Add(1, [1], start + 999);
        aggregator.Tick(start + 1001);
        aggregator.Add(1, [2], start + 998);
        aggregator.Tick(start + 2001);

        // Each second closed once: the late sample counts in the second the tick opened.
        Assert.Equal([start, start + 1000], closed.Where(r => r.Window == "1s" && r.Flow == RollupRecord.Fleet).Select(r => r.StartMs));
        Assert.Equal([1.0, 2.0], closed.Where(r => r.Window == "1s" && r.Flow == 1).Select(r => r.Sum));
    }

    private static CommittedSamples Samples(params (int Flow, double[] Values)[] batches)
    {
        var samples = new CommittedSamples(batches.Length, batches.Sum(b => b.Values.Length));
        foreach ((int flow, double[] values) in batches)
        {
            samples.Add(flow, values);
        }

        return samples;
    }
}
