using Edge.Gateway.Core.Flows;
using Edge.Gateway.Core.Ports;
using Edge.Gateway.Core.Storage;
using Edge.Gateway.Core.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace Edge.Gateway.Core.Tests.Storage;

/// <summary>The store loop commits only for the term that accepted a batch, and only while the store takes its token.</summary>
[Trait("Category", "Unit")]
public sealed class FencedStoreTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    [Fact]
    public async Task A_store_claimed_by_a_newer_leader_refuses_the_commit_and_the_gateway_hears_of_it()
    {
        var store = new SqliteGatewayStore(_dir.File("gw.db"));
        store.EnsureSchema();
        Leadership leader = Leaders.Leading(token: 5);
        Assert.True(store.Claim(9, "gw-b", 1));
        var observer = new CountingObserver();
        var batches = new BatchStore(store, new StoreOptions(), observer, leader, NullGatewayMetrics.Instance, TimeProvider.System,
            NullLogger<BatchStore>.Instance);
        CommitFencedException? fenced = null;
        batches.FencedOut += e => fenced = e;

        await batches.EnqueueAsync(Batch(leader.Term), CancellationToken.None);
        batches.Complete();
        await batches.RunAsync(CancellationToken.None);

        Assert.Equal((5L, 9L), (fenced?.Token, fenced?.Current));
        Assert.Equal(0, observer.Groups);
        Assert.Empty(store.LoadFlows());
        Assert.Equal(1, batches.Fenced);
    }

    [Fact]
    public async Task A_batch_accepted_in_an_earlier_term_is_dropped_unacked_and_one_of_this_term_is_committed()
    {
        var store = new SqliteGatewayStore(_dir.File("gw.db"));
        store.EnsureSchema();
        Leadership leader = Leaders.Leading();
        var observer = new CountingObserver();
        var batches = new BatchStore(store, new StoreOptions(), observer, leader, NullGatewayMetrics.Instance, TimeProvider.System,
            NullLogger<BatchStore>.Instance);

        await batches.EnqueueAsync(Batch(new LeaderTerm(0, 0)), CancellationToken.None);
        await batches.EnqueueAsync(Batch(leader.Term), CancellationToken.None);
        batches.Complete();
        await batches.RunAsync(CancellationToken.None);

        Assert.Equal(1, observer.Groups);
        Assert.Equal(5, store.LoadFlows().Single().Committed);
        Assert.Equal(1, batches.Fenced);
    }

    [Fact]
    public async Task A_gateway_that_no_longer_leads_commits_nothing()
    {
        var store = new SqliteGatewayStore(_dir.File("gw.db"));
        store.EnsureSchema();
        Leadership leader = Leaders.Leading();
        LeaderTerm? term = leader.Term;
        leader.End();
        var observer = new CountingObserver();
        var batches = new BatchStore(store, new StoreOptions(), observer, leader, NullGatewayMetrics.Instance, TimeProvider.System,
            NullLogger<BatchStore>.Instance);

        await batches.EnqueueAsync(Batch(term), CancellationToken.None);
        batches.Complete();
        await batches.RunAsync(CancellationToken.None);

        Assert.Equal(0, observer.Groups);
        Assert.Empty(store.LoadFlows());
    }

    public void Dispose() => _dir.Dispose();

    private static IngestedBatch Batch(LeaderTerm? term)
    {
        var b = new IngestedBatch { Node = "n1", Term = term };
        b.Batch.Flow = 1;
        b.Batch.Session = 1;
        b.Batch.FirstSequence = 0;
        for (int i = 0; i < 5; i++)
        {
            b.Batch.TryAdd(1000 + i, i);
        }

        return b;
    }

    private sealed class CountingObserver : ICommitObserver
    {
        public int Groups { get; private set; }

        public Task OnCommittedAsync(IReadOnlyList<IngestedBatch> group, CancellationToken cancellationToken)
        {
            Groups++;
            return Task.CompletedTask;
        }
    }
}
