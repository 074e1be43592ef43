using CsCheck;
using Edge.Bench.Load;

namespace Edge.Bench.Tests.Load;

[Trait("Category", "Unit")]
public sealed class BatchWindowTests
{
    [Fact]
    public void A_cumulative_confirmation_completes_every_batch_below_it()
    {
        var window = new BatchWindow(capacity: 4, firstSequence: 100);
        window.Open(16, dueTicks: 1);
        window.Open(16, dueTicks: 2);
        window.Open(16, dueTicks: 3);
        var completed = new List<(long Due, int Count)>();

        int done = window.Confirm(132, (due, count) => completed.Add((due, count)));

        Assert.Equal(2, done);
        Assert.Equal([(1L, 16), (2L, 16)], completed);
        Assert.Equal(132, window.Confirmed);
        Assert.Equal(1, window.InFlight);
        Assert.Equal(32, window.ConfirmedSamples);
    }

    [Fact]
    public void A_resend_repeats_every_unconfirmed_batch_that_holds_a_sequence_from_where_it_starts()
    {
        var window = new BatchWindow(capacity: 4, firstSequence: 0);
        window.Open(16, dueTicks: 1);
        window.Open(16, dueTicks: 2);
        window.Open(16, dueTicks: 3);
        window.Confirm(16, (_, _) => { });

        Assert.Equal([(16L, 16), (32L, 16)], window.From(16));
        Assert.Equal([(16L, 16), (32L, 16)], window.From(20));
        Assert.Equal([(32L, 16)], window.From(32));
        Assert.Empty(window.From(48));
    }

    [Fact]
    public void A_repeated_or_impossible_confirmation_completes_nothing_and_is_counted()
    {
        var window = new BatchWindow(capacity: 4, firstSequence: 0);
        window.Open(16, dueTicks: 1);
        window.Confirm(16, (_, _) => { });

        Assert.Equal(0, window.Confirm(16, (_, _) => Assert.Fail("a repeated ack completed a batch")));
        Assert.Equal(0, window.Confirm(40, (_, _) => Assert.Fail("an ack past what was sent completed a batch")));
        Assert.Equal(2, window.Anomalies);
    }

    [Fact]
    public void The_window_never_holds_more_than_its_capacity_and_confirms_every_sample_once()
    {
        Gen.Select(Gen.Int[1, 16], Gen.Int[1, 256], Gen.Int[0, 3].Array[1, 200]).Sample((capacity, size, acks) =>
        {
            var window = new BatchWindow(capacity, 0);
            long confirmed = 0;
            foreach (int ack in acks)
            {
                while (window.HasRoom)
                {
                    window.Open(size, 0);
                }

                Assert.Equal(capacity, window.InFlight);
                long next = Math.Min(window.Next, window.Confirmed + ((long)ack * size));
                window.Confirm(next, (_, count) => confirmed += count);
            }

            window.Confirm(window.Next, (_, count) => confirmed += count);
            Assert.Equal(window.Next, confirmed);
            Assert.Equal(confirmed, window.ConfirmedSamples);
        }, iter: 200);
    }
}
