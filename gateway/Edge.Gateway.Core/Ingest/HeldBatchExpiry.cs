using Edge.Gateway.Core.Flows;
using Edge.Gateway.Core.Storage;
using Edge.Protocol;

namespace Edge.Gateway.Core.Ingest;

/// <summary>
/// Drops batches held behind a gap for longer than <see cref="IngestOptions.HeldExpiry"/>, each counted as a
/// rejection (held_expired). Runs on the window loop; the held batches sit behind their flow's lock, which the
/// ingest loop takes too, so each batch is either taken by ingest or expired here, never both.
/// </summary>
internal sealed class HeldBatchExpiry(FlowRegistry flows, BatchStore store, RejectionLog rejections, IngestOptions options, string site, TimeProvider clock)
{
    private readonly List<IngestedBatch> _expired = [];

    /// <summary>Batches expired so far.</summary>
    public long Expired { get; private set; }

    public void Check()
    {
        long before = clock.GetUtcNow().ToUnixTimeMilliseconds() - (long)options.HeldExpiry.TotalMilliseconds;
        foreach (FlowSequence flow in flows.Sequences)
        {
            if (flow.HeldCount == 0)
            {
                continue;
            }

            flow.ExpireHeld(before, _expired);
            foreach (IngestedBatch batch in _expired)
            {
                rejections.Reject(batch.Node, RejectReasons.HeldExpired, Topics.Node(site, batch.Node, Topics.Data));
                store.Return(batch);
                Expired++;
            }

            _expired.Clear();
        }
    }
}
