using System.Threading.Channels;
using Edge.Gateway.Core.Flows;
using Edge.Gateway.Core.Ports;
using Microsoft.Extensions.Logging;

namespace Edge.Gateway.Core.Storage;

/// <summary>
/// The durable end of ingest: a bounded queue (a full queue makes the ingest loop wait, which makes the MQTT
/// client stop reading, which pushes back on the broker) drained by one writer that commits everything queued,
/// up to a limit, in one transaction. A failed commit is retried with the same group: nothing was acked yet.
/// The store lends the batch buffers ingest copies samples into, and takes them back once committed.
/// Fencing: a group is committed only while this gateway leads, under its term's token, and the database refuses it
/// in the same transaction when a newer leader has claimed the store; a refused or dropped group is never acked
/// (its nodes send it again to the new leader).
/// </summary>
internal sealed partial class BatchStore(
    IGatewayStore store, StoreOptions options, ICommitObserver observer, Leadership leadership, IGatewayMetrics metrics,
    TimeProvider clock, ILogger<BatchStore> logger)
{
    private readonly Channel<IngestedBatch> _queue = Channel.CreateBounded<IngestedBatch>(
        new BoundedChannelOptions(options.QueueCapacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    private readonly BatchPool _pool = new();

    private readonly RetentionPolicy _retention = new(options.Retention, clock);

    /// <summary>False after a failed commit until the next one succeeds; /healthz reports it.</summary>
    public bool Healthy { get; private set; } = true;

    public int QueueDepth => _queue.Reader.Count;

    /// <summary>A buffer to copy an accepted (or held) batch into; give it back with Return or EnqueueAsync.</summary>
    public IngestedBatch Rent() => _pool.Rent();

    /// <summary>For a rented batch that is not stored after all (a duplicate, a full hold).</summary>
    public void Return(IngestedBatch batch) => _pool.Return(batch);

    public ValueTask EnqueueAsync(IngestedBatch batch, CancellationToken cancellationToken) =>
        _queue.Writer.WriteAsync(batch, cancellationToken);

    /// <summary>Stops taking batches; RunAsync commits what is queued and returns.</summary>
    public void Complete() => _queue.Writer.TryComplete();

    /// <summary>Groups refused by the database because a newer leader claimed it, and groups dropped because this gateway no longer leads.</summary>
    public long Fenced => Interlocked.Read(ref _fenced);

    private long _fenced;

    /// <summary>Raised (on the store loop) when the database refused a commit: this gateway lost the election.</summary>
    public event Action<CommitFencedException>? FencedOut;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using IBatchWriter writer = store.OpenWriter();
        var group = new List<IngestedBatch>(options.MaxBatchesPerTransaction);
        ChannelReader<IngestedBatch> reader = _queue.Reader;
        while (await reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
        {
            group.Clear();
            while (group.Count < options.MaxBatchesPerTransaction && reader.TryRead(out IngestedBatch? batch))
            {
                group.Add(batch);
            }

            DropOtherTerms(group);
            if (group.Count == 0 || !await CommitAsync(writer, group, cancellationToken).ConfigureAwait(false))
            {
                ReturnAll(group);
                continue;
            }

            metrics.TransactionCommitted(group.Count);
            try
            {
                await observer.OnCommittedAsync(group, cancellationToken).ConfigureAwait(false);
                _retention.PruneIfDue(writer);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The group is durable; a missing ack only costs the node a resend, which is re-acked as a duplicate.
                LogAfterCommitFailed(logger, group.Count, e);
            }

            ReturnAll(group);
        }
    }

    /// <summary>
    /// Batches accepted in an earlier term (this gateway lost and won again meanwhile) were judged against flow
    /// positions that the takeover reloaded since: they are dropped, not acked, and their nodes send them again.
    /// </summary>
    private void DropOtherTerms(List<IngestedBatch> group)
    {
        LeaderTerm? term = leadership.Term;
        int kept = 0;
        for (int i = 0; i < group.Count; i++)
        {
            IngestedBatch batch = group[i];
            if (ReferenceEquals(batch.Term, term))
            {
                group[kept++] = batch;
            }
            else
            {
                _pool.Return(batch);
                Interlocked.Increment(ref _fenced);
            }
        }

        group.RemoveRange(kept, group.Count - kept);
    }

    private void ReturnAll(List<IngestedBatch> group)
    {
        foreach (IngestedBatch batch in group)
        {
            _pool.Return(batch);
        }
    }

    /// <summary>True when the group is durable; false when it was fenced or dropped (nothing of it is acked).</summary>
    private async Task<bool> CommitAsync(IBatchWriter writer, List<IngestedBatch> group, CancellationToken cancellationToken)
    {
        for (int attempt = 1; ; attempt++)
        {
            // Checked before every attempt: a gateway paused past its lease finds out here, before it writes.
            if (leadership.Term is not { } term || !leadership.IsLeader)
            {
                Interlocked.Increment(ref _fenced);
                LogDropped(logger, group.Count);
                return false;
            }

            try
            {
                writer.Write(group, term.Token, clock.GetUtcNow().ToUnixTimeMilliseconds());
                Healthy = true;
                return true;
            }
            catch (CommitFencedException e)
            {
                Interlocked.Increment(ref _fenced);
                LogFenced(logger, group.Count, e.Token, e.Current);
                FencedOut?.Invoke(e);
                return false;
            }
            catch (Exception e) when (writer.IsTransient(e))
            {
                Healthy = false;
                LogCommitFailed(logger, group.Count, attempt, e);
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(5000, 100 * attempt)), clock, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dropped {Batches} batches uncommitted: this gateway no longer leads; their nodes send them to the new leader")]
    private static partial void LogDropped(ILogger logger, int batches);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The store refused {Batches} batches under token {Token}: a newer leader (token {Current}) has claimed it; stepping down")]
    private static partial void LogFenced(ILogger logger, int batches, long token, long current);

    [LoggerMessage(Level = LogLevel.Error, Message = "After committing {Batches} batches, releasing them failed")]
    private static partial void LogAfterCommitFailed(ILogger logger, int batches, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Committing {Batches} batches failed (attempt {Attempt}); retrying, nothing is acknowledged meanwhile")]
    private static partial void LogCommitFailed(ILogger logger, int batches, int attempt, Exception exception);
}
