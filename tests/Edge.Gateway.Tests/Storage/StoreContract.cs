using Edge.Gateway.Core.Aggregation;
using Edge.Gateway.Core.Flows;
using Edge.Gateway.Core.Storage;
using Edge.Protocol;

namespace Edge.Gateway.Tests.Storage;

/// <summary>
/// What every store must do, whichever database is behind it: the same facts run against SQLite and PostgreSQL
/// (one concrete class each). Exactly-once is the store's own property here, not the ingest path's: replays,
/// overlaps, gaps, two writers racing with the same batches, and commits under an old leader's token.
/// </summary>
public abstract class StoreContract : IAsyncLifetime
{
    private IGatewayStore? _store;

    private protected IGatewayStore Store => _store ?? throw new InvalidOperationException("not initialised");

    public async Task InitializeAsync()
    {
        _store = await OpenAsync();
        _store.EnsureSchema();
    }

    public virtual Task DisposeAsync()
    {
        (_store as IDisposable)?.Dispose();
        return Task.CompletedTask;
    }

    private protected abstract Task<IGatewayStore> OpenAsync();

    [Fact]
    public void Batches_that_start_at_the_watermark_are_committed_once_with_their_totals()
    {
        using IBatchWriter writer = Store.OpenWriter();
        Assert.Equal(2, writer.Write([Batch(1, 0, 5), Batch(1, 5, 5)], 0, 1000));
        Assert.Equal(1, writer.Write([Batch(2, 0, 3)], 0, 1000));

        Dictionary<int, FlowSequence> flows = Store.LoadFlows().ToDictionary(f => f.Flow);
        Assert.Equal((10L, 10L, Sum(0, 10)), (flows[1].Committed, flows[1].CommittedCount, flows[1].CommittedSum));
        Assert.Equal((3L, 3L), (flows[2].Committed, flows[2].CommittedCount));
        Assert.Equal("n1", flows[1].LastNode);
    }

    [Fact]
    public void Many_batches_of_interleaved_flows_in_one_group_commit_each_once_in_order_with_their_totals()
    {
        // Flow 1 has more batches than one run takes; flow 2's are interleaved with them.
        var group = new List<IngestedBatch>();
        for (int i = 0; i < 40; i++)
        {
            group.Add(Batch(1, i * 3L, 3));
            if (i % 2 == 0)
            {
                group.Add(Batch(2, i / 2 * 5L, 5));
            }
        }

        using IBatchWriter writer = Store.OpenWriter();
        Assert.Equal(group.Count, writer.Write(group, 0, 1000));
        Assert.All(group, b => Assert.True(b.Applied));
        Assert.Equal(60, writer.Write(Enumerable.Range(40, 60).Select(i => Batch(1, i * 3L, 3)).ToList(), 0, 2000));

        Dictionary<int, FlowSequence> flows = Store.LoadFlows().ToDictionary(f => f.Flow);
        Assert.Equal((300L, 300L, Sum(0, 300)), (flows[1].Committed, flows[1].CommittedCount, flows[1].CommittedSum));
        Assert.Equal((100L, 100L, Sum(0, 100)), (flows[2].Committed, flows[2].CommittedCount, flows[2].CommittedSum));
        Assert.Equal(Enumerable.Range(0, 100).Select(i => i * 3L).Reverse(), FirstSequences(Store.NewestBatches(1, 1000)));
        Assert.Equal(Enumerable.Range(0, 300).Select(s => Value(s)), new CommittedHistory(Store).Recent(1, 300));
    }

    [Fact]
    public void A_group_that_begins_with_batches_the_store_has_commits_only_the_rest()
    {
        using IBatchWriter writer = Store.OpenWriter();
        writer.Write([Batch(1, 0, 5), Batch(1, 5, 5)], 0, 1000);

        IngestedBatch[] group = [Batch(1, 5, 5), Batch(1, 10, 5), Batch(1, 15, 5)];
        Assert.Equal(2, writer.Write(group, 0, 2000));
        Assert.Equal([false, true, true], group.Select(b => b.Applied));
        FlowSequence flow = Store.LoadFlows().Single();
        Assert.Equal((20L, 20L, Sum(0, 20)), (flow.Committed, flow.CommittedCount, flow.CommittedSum));
    }

    [Fact]
    public void A_gap_inside_a_group_commits_what_comes_before_it_and_refuses_what_lies_past_it()
    {
        using IBatchWriter writer = Store.OpenWriter();
        writer.Write([Batch(1, 0, 5)], 0, 1000);

        IngestedBatch[] group = [Batch(1, 5, 5), Batch(1, 10, 5), Batch(1, 20, 5), Batch(1, 25, 5)];
        Assert.Equal(2, writer.Write(group, 0, 2000));
        Assert.Equal([true, true, false, false], group.Select(b => b.Applied));
        Assert.Equal(15L, Store.LoadFlows().Single().Committed);
    }

    [Fact]
    public void A_flows_sum_saturates_batch_by_batch_when_batches_commit_together()
    {
        // After the first batch (-3), one by one: max, max again (saturated), then max - max = 0. Summed first, the
        // three would overflow and the flow would stay at max.
        using IBatchWriter writer = Store.OpenWriter();
        writer.Write([Batch(1, 0, 1)], 0, 1000);
        IngestedBatch[] group = [OneSample(1, 1, double.MaxValue), OneSample(1, 2, double.MaxValue), OneSample(1, 3, -double.MaxValue)];
        Assert.Equal(3, writer.Write(group, 0, 2000));

        FlowSequence flow = Store.LoadFlows().Single();
        Assert.Equal((4L, 0.0), (flow.Committed, flow.CommittedSum));
    }

    [Fact]
    public void A_replay_of_committed_batches_counts_nothing()
    {
        using IBatchWriter writer = Store.OpenWriter();
        writer.Write([Batch(1, 0, 5), Batch(1, 5, 5)], 0, 1000);

        IngestedBatch[] replay = [Batch(1, 0, 5), Batch(1, 5, 5)];
        Assert.Equal(0, writer.Write(replay, 0, 2000));
        Assert.All(replay, b => Assert.False(b.Applied));
        FlowSequence flow = Store.LoadFlows().Single();
        Assert.Equal((10L, 10L), (flow.Committed, flow.CommittedCount));
    }

    [Fact]
    public void The_guard_refuses_a_batch_that_overlaps_or_skips_ahead_of_the_watermark()
    {
        using IBatchWriter writer = Store.OpenWriter();
        writer.Write([Batch(1, 0, 5)], 0, 1000);

        Assert.Equal(0, writer.Write([Batch(1, 3, 5)], 0, 1000));
        Assert.Equal(0, writer.Write([Batch(1, 7, 2)], 0, 1000));
        Assert.Equal(0, writer.Write([Batch(3, 4, 2)], 0, 1000));

        Assert.Equal((5L, 5L), Store.LoadFlows().Where(f => f.Flow == 1).Select(f => (f.Committed, f.CommittedCount)).Single());
        Assert.DoesNotContain(Store.LoadFlows(), f => f.Flow == 3);
    }

    [Fact]
    public void Two_writers_racing_with_the_same_batches_commit_each_sample_once()
    {
        const int batches = 200;
        using IBatchWriter a = Store.OpenWriter();
        using IBatchWriter b = Store.OpenWriter();
        int applied = 0;
        Parallel.Invoke(
            () => Interlocked.Add(ref applied, WriteAll(a)),
            () => Interlocked.Add(ref applied, WriteAll(b)));

        Assert.Equal(batches, applied);
        FlowSequence flow = Store.LoadFlows().Single();
        Assert.Equal((batches * 4L, batches * 4L, Sum(0, batches * 4)), (flow.Committed, flow.CommittedCount, flow.CommittedSum));

        static int WriteAll(IBatchWriter writer)
        {
            int count = 0;
            for (int i = 0; i < batches; i++)
            {
                count += Retrying(() => writer.Write([Batch(1, i * 4L, 4)], 0, 1000), writer);
            }

            return count;
        }
    }

    [Fact]
    public void A_commit_under_an_older_token_is_refused_in_its_transaction_and_writes_nothing()
    {
        using IBatchWriter oldLeader = Store.OpenWriter();
        using IBatchWriter newLeader = Store.OpenWriter();
        Assert.True(Store.Claim(4, "gw-a", 1000));
        Assert.Equal(1, oldLeader.Write([Batch(1, 0, 5)], 4, 1000));

        Assert.True(Store.Claim(9, "gw-b", 2000));
        CommitFencedException refused = Assert.Throws<CommitFencedException>(() => oldLeader.Write([Batch(1, 5, 5), Batch(2, 0, 5)], 4, 2000));
        Assert.Equal((4L, 9L), (refused.Token, refused.Current));
        Assert.Equal([(1, 5L)], Store.LoadFlows().Select(f => (f.Flow, f.Committed)));

        Assert.Equal(1, newLeader.Write([Batch(1, 5, 5)], 9, 3000));
        Assert.Equal(10L, Store.LoadFlows().Single().Committed);
    }

    [Fact]
    public void Leadership_only_moves_forward()
    {
        Assert.Equal(0, Store.CurrentToken());
        Assert.True(Store.Claim(7, "gw-a", 1000));
        Assert.True(Store.Claim(7, "gw-a", 1000));
        Assert.False(Store.Claim(6, "gw-b", 2000));
        Assert.True(Store.Claim(12, "gw-b", 3000));
        Assert.Equal(12, Store.CurrentToken());
    }

    [Fact]
    public void A_writer_without_a_token_is_fenced_once_a_leader_has_claimed_the_store()
    {
        using IBatchWriter writer = Store.OpenWriter();
        Assert.Equal(1, writer.Write([Batch(1, 0, 5)], 0, 1000));
        Store.Claim(3, "gw-a", 1000);
        Assert.Throws<CommitFencedException>(() => writer.Write([Batch(1, 5, 5)], 0, 1000));
    }

    [Fact]
    public void The_learner_reads_a_flows_newest_committed_samples_back_in_order()
    {
        using IBatchWriter writer = Store.OpenWriter();
        writer.Write([Batch(1, 0, 5), Batch(1, 5, 5), Batch(1, 10, 5), Batch(2, 0, 4)], 0, 1000);

        Assert.Equal([10L, 5L], FirstSequences(Store.NewestBatches(1, 7)));
        Assert.Equal([10L, 5L, 0L], FirstSequences(Store.NewestBatches(1, 100)));
        Assert.Empty(Store.NewestBatches(3, 10));

        var history = new CommittedHistory(Store);
        Assert.Equal([1, 2], history.Flows);
        Assert.Equal(15, history.Length(1));
        Assert.Equal(Enumerable.Range(8, 7).Select(s => Value(s)), history.Recent(1, 7));
        Assert.Equal(Enumerable.Range(0, 4).Select(s => Value(s)), history.Recent(2, 10));
    }

    [Fact]
    public void A_rollup_written_again_replaces_itself()
    {
        Store.WriteRollups([Rollup(start: 0, count: 3), Rollup(start: 1000, count: 4)]);
        Store.WriteRollups([Rollup(start: 0, count: 5)]);

        IReadOnlyList<RollupRecord> stored = Store.ReadRollups("1s", 1);
        Assert.Equal([(0L, 5L), (1000L, 4L)], stored.Select(r => (r.StartMs, r.Count)));
        Assert.Equal(Rollup(start: 1000, count: 4), stored[1]);
    }

    [Fact]
    public void Dead_letters_come_back_oldest_first_and_go_once_deleted()
    {
        Store.AddDeadLetters("webhook", [Rollup(0, 1), Rollup(1000, 2), Rollup(2000, 3)], "timeout", 5000);
        Store.AddDeadLetters("other", [Rollup(0, 9)], "refused", 5000);
        Assert.Equal(3, Store.CountDeadLetters("webhook"));

        var oldest = Store.OldestDeadLetters("webhook", 2);
        Assert.Equal([1L, 2L], oldest.Select(l => l.Record.Count));
        Store.DeleteDeadLetters(oldest.Select(l => l.Id));

        Assert.Equal(1, Store.CountDeadLetters("webhook"));
        Assert.Equal(3L, Store.OldestDeadLetters("webhook", 10).Single().Record.Count);
        Assert.Equal(1, Store.CountDeadLetters("other"));
    }

    [Fact]
    public void Pruning_drops_old_batches_and_rollups_but_never_the_flow_totals()
    {
        using IBatchWriter writer = Store.OpenWriter();
        writer.Write([Batch(1, 0, 5)], 0, 1000);
        writer.Write([Batch(1, 5, 5)], 0, 9000);
        Store.WriteRollups([Rollup(start: 0, count: 1)]);

        writer.Prune(5000);

        Assert.Empty(Store.ReadRollups("1s", 1));
        FlowSequence flow = Store.LoadFlows().Single();
        Assert.Equal((10L, 10L), (flow.Committed, flow.CommittedCount));
        Assert.Equal(1, writer.Write([Batch(1, 10, 5)], 0, 9000));
    }

    private static int Retrying(Func<int> write, IBatchWriter writer)
    {
        for (int attempt = 0; ; attempt++)
        {
            try
            {
                return write();
            }
            catch (Exception e) when (writer.IsTransient(e) && attempt < 50)
            {
                // SQLite's busy timeout or a PostgreSQL serialization hiccup: the real store loop retries the same way.
                Thread.Sleep(10);
            }
        }
    }

    private static double Sum(long from, long to)
    {
        double sum = 0;
        for (long s = from; s < to; s++)
        {
            sum += Value(s);
        }

        return sum;
    }

    private static double Value(long sequence) => sequence * 0.5 - 3;

    private static long[] FirstSequences(IReadOnlyList<byte[]> payloads) => [.. payloads.Select(p =>
    {
        var batch = new DataBatch();
        Assert.Equal(ProtocolError.None, DataBatchCodec.Decode(p, 0, p.Length, batch));
        return batch.FirstSequence;
    })];

    private static IngestedBatch Batch(int flow, long first, int count)
    {
        var b = new IngestedBatch { Node = "n1" };
        b.Batch.Flow = flow;
        b.Batch.Session = 1;
        b.Batch.FirstSequence = first;
        for (int i = 0; i < count; i++)
        {
            b.Batch.TryAdd(1_763_856_000_000 + (first + i) * 10, Value(first + i));
        }

        return b;
    }

    private static IngestedBatch OneSample(int flow, long sequence, double value)
    {
        var b = new IngestedBatch { Node = "n1" };
        b.Batch.Flow = flow;
        b.Batch.Session = 1;
        b.Batch.FirstSequence = sequence;
        b.Batch.TryAdd(1_763_856_000_000 + (sequence * 10), value);
        return b;
    }

    private static RollupRecord Rollup(long start, long count) => new("1s", 1, start, start + 1000, count, count * 2.5, -1, 4, 2.5, 2, 3, 4);
}
