using System.Threading.Channels;
using Edge.Gateway.Core.Flows;
using Edge.Gateway.Core.Ports;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Edge.Gateway.Core.Storage;

/// <summary>
/// The durable end of ingest: a bounded queue (a full queue makes the ingest loop wait, which makes the MQTT
/// client stop reading, which pushes back on the broker) drained by one writer that commits everything queued,
/// up to a limit, in one transaction. A failed commit is retried with the same group: nothing was acked yet.
/// The store lends the batch buffers ingest copies samples into, and takes them back once committed.
/// </summary>
internal sealed partial class BatchStore(
    GatewayDatabase database, StoreOptions options, ICommitObserver observer, IGatewayMetrics metrics,
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

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using SqliteConnection connection = database.Open();
        using var writer = new BatchWriter(connection);
        var group = new List<IngestedBatch>(options.MaxBatchesPerTransaction);
        ChannelReader<IngestedBatch> reader = _queue.Reader;
        while (await reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
        {
            group.Clear();
            while (group.Count < options.MaxBatchesPerTransaction && reader.TryRead(out IngestedBatch? batch))
            {
                group.Add(batch);
            }

            await CommitAsync(writer, group, cancellationToken).ConfigureAwait(false);
            metrics.TransactionCommitted(group.Count);
            try
            {
                await observer.OnCommittedAsync(group, cancellationToken).ConfigureAwait(false);
                _retention.PruneIfDue(connection);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The group is durable; a missing ack only costs the node a resend, which is re-acked as a duplicate.
                LogAfterCommitFailed(logger, group.Count, e);
            }

            foreach (IngestedBatch batch in group)
            {
                _pool.Return(batch);
            }
        }
    }

    private async Task CommitAsync(BatchWriter writer, List<IngestedBatch> group, CancellationToken cancellationToken)
    {
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                writer.Write(group, clock.GetUtcNow().ToUnixTimeMilliseconds());
                Healthy = true;
                return;
            }
            catch (SqliteException e)
            {
                Healthy = false;
                LogCommitFailed(logger, group.Count, attempt, e);
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(5000, 100 * attempt)), clock, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "After committing {Batches} batches, releasing them failed")]
    private static partial void LogAfterCommitFailed(ILogger logger, int batches, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Committing {Batches} batches failed (attempt {Attempt}); retrying, nothing is acknowledged meanwhile")]
    private static partial void LogCommitFailed(ILogger logger, int batches, int attempt, Exception exception);
}
