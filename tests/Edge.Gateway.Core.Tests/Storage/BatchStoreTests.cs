using Edge.Gateway.Core.Ports;
using Edge.Gateway.Core.Flows;
using Edge.Gateway.Core.Storage;
using Edge.Gateway.Core.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace Edge.Gateway.Core.Tests.Storage;

[Trait("Category", "Unit")]
public sealed class BatchStoreTests : IDisposable
{
    private static readonly Leadership Leader = Leaders.Leading();
    private readonly TempDirectory _dir = new();

    [Fact]
    public async Task Queued_batches_are_committed_in_one_transaction_and_released_only_after_it()
    {
        var db = new GatewayDatabase(_dir.File("gw.db"));
        db.EnsureSchema();
        var observer = new RecordingObserver(db);
        var options = new StoreOptions { MaxBatchesPerTransaction = 512 };
        var store = new BatchStore(new SqliteGatewayStore(db), options, observer, Leader, NullGatewayMetrics.Instance, TimeProvider.System, NullLogger<BatchStore>.Instance);
        for (int i = 0; i < 200; i++)
        {
            await store.EnqueueAsync(Batch(i * 5, 5), CancellationToken.None);
        }

        store.Complete();
        await store.RunAsync(CancellationToken.None);

        Assert.Equal([200], observer.GroupSizes);
        Assert.Equal([1000L], observer.CommittedWhenReleased);
        Assert.Equal(1000, FlowStateReader.Load(db).Single().Committed);
    }

    [Fact]
    public async Task The_store_never_counts_a_batch_that_does_not_start_at_the_committed_sequence()
    {
        var db = new GatewayDatabase(_dir.File("gw.db"));
        db.EnsureSchema();
        var store = new BatchStore(new SqliteGatewayStore(db), new StoreOptions(), new RecordingObserver(db), Leader, NullGatewayMetrics.Instance,
            TimeProvider.System, NullLogger<BatchStore>.Instance);
        await store.EnqueueAsync(Batch(0, 5), CancellationToken.None);
        await store.EnqueueAsync(Batch(0, 5), CancellationToken.None);
        await store.EnqueueAsync(Batch(3, 5), CancellationToken.None);
        store.Complete();
        await store.RunAsync(CancellationToken.None);

        FlowSequence flow = FlowStateReader.Load(db).Single();
        Assert.Equal((5L, 5L), (flow.Committed, flow.CommittedCount));
    }

    public void Dispose() => _dir.Dispose();

    private static IngestedBatch Batch(long first, int count)
    {
        var b = new IngestedBatch { Node = "n1", Term = Leader.Term };
        b.Batch.Flow = 1;
        b.Batch.Session = 1;
        b.Batch.FirstSequence = first;
        for (int i = 0; i < count; i++)
        {
            b.Batch.TryAdd(1000 + i, i);
        }

        return b;
    }

    /// <summary>Records each released group and what the database says is committed at that moment.</summary>
    private sealed class RecordingObserver(GatewayDatabase db) : ICommitObserver
    {
        public List<int> GroupSizes { get; } = [];

        public List<long> CommittedWhenReleased { get; } = [];

        public Task OnCommittedAsync(IReadOnlyList<IngestedBatch> group, CancellationToken cancellationToken)
        {
            GroupSizes.Add(group.Count(b => b.Applied));
            CommittedWhenReleased.Add(FlowStateReader.Load(db).Single().Committed);
            return Task.CompletedTask;
        }
    }
}
