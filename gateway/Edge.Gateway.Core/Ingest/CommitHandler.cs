using System.Diagnostics;
using Edge.Gateway.Core.Aggregation;
using Edge.Gateway.Core.Flows;
using Edge.Gateway.Core.Ports;
using Edge.Gateway.Core.Storage;

namespace Edge.Gateway.Core.Ingest;

/// <summary>
/// Runs after each committed transaction: advances the flows' committed sequence, queues the group's samples for
/// the aggregator (only durable samples are ever counted), and queues one cumulative ack per node and flow in the group.
/// </summary>
internal sealed class CommitHandler(FlowRegistry flows, AggregationLoop aggregation, AckSender acks, IGatewayMetrics metrics, Action? onConflict = null,
    ValueOutliers? outliers = null)
    : ICommitObserver
{
    private readonly Dictionary<(string Node, int Flow), long> _pendingAcks = [];

    public async Task OnCommittedAsync(IReadOnlyList<IngestedBatch> group, CancellationToken cancellationToken)
    {
        _pendingAcks.Clear();
        int samples = 0;
        var committed = new CommittedSamples(group.Count, group.Count * (group.Count > 0 ? group[0].Batch.Count : 0));
        foreach (IngestedBatch item in group)
        {
            if (!item.Applied)
            {
                // The store's watermark was not where ingest thought (the guard): nothing to count or acknowledge
                // from here, and ingest's positions are reloaded from the store.
                metrics.Duplicate();
                onConflict?.Invoke();
                continue;
            }

            var b = item.Batch;
            flows.Get(b.Flow).MarkCommitted(b.LastSequence + 1, b.Count, item.Sum());
            committed.Add(b.Flow, b.Values.AsSpan(0, b.Count));
            outliers?.Observe(item.Node, b.Flow, b.Values.AsSpan(0, b.Count));
            _pendingAcks[(item.Node, b.Flow)] = b.LastSequence + 1;
            samples += b.Count;
            metrics.IngestLatency(Stopwatch.GetElapsedTime(item.ReceivedTimestamp).TotalSeconds);
        }

        metrics.SamplesCommitted(samples);
        foreach (((string node, int flow), long next) in _pendingAcks)
        {
            acks.Send(node, flow, next);
        }

        await aggregation.PostAsync(committed, cancellationToken).ConfigureAwait(false);
    }
}
