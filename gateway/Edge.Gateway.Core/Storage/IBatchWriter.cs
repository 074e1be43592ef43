using Edge.Gateway.Core.Flows;

namespace Edge.Gateway.Core.Storage;

/// <summary>
/// Commits groups of batches on one connection. Each group is one transaction that first checks the leadership
/// row (fencing) and then, per batch, advances the flow's watermark only when the batch starts exactly at it
/// (the guard) and stores the batch under its unique (flow, first sequence) key. So whatever reaches the writer,
/// from any node through any gateway, a sample is never counted twice.
/// </summary>
internal interface IBatchWriter : IDisposable
{
    /// <summary>
    /// Commits <paramref name="group"/> under <paramref name="token"/>. Returns how many batches the guard let in;
    /// the applied ones are marked (<see cref="IngestedBatch.Applied"/>). Throws <see cref="CommitFencedException"/>
    /// (nothing written) when a newer leader has claimed the store; other exceptions are the database's.
    /// </summary>
    int Write(IReadOnlyList<IngestedBatch> group, long token, long nowMs);

    /// <summary>Deletes stored batches and rollups older than the cutoff; flow totals stay forever.</summary>
    void Prune(long cutoffMs);

    /// <summary>True for a failure worth retrying with the same group (the database was busy or away).</summary>
    bool IsTransient(Exception exception);
}
