using Edge.Gateway.Core.Failover;
using Edge.Gateway.Core.Flows;
using Edge.Gateway.Core.Hosting;
using Edge.Gateway.Core.Storage;
using Edge.Protocol;

namespace Edge.Gateway.Core.Ingest;

/// <summary>
/// Decides what each inbound message means: session changes, or data that is accepted (queued for commit),
/// held behind a gap, dropped as a duplicate, or rejected with a counted reason. Single-threaded by design:
/// one ingest loop owns the decoder and the accepted side of every flow.
/// </summary>
internal sealed class IngestProcessor(
    GatewayOptions options, NodeSessions sessions, FlowSequences flows, BatchStore store, BatchPool pool,
    AckSender acks, RejectionLog rejections, GatewayEvents events, IGatewayMetrics metrics, TimeProvider clock,
    FleetSupervisor supervisor)
{
    private readonly InboundDecoder _decoder = new();
    private readonly FlowCatalog _catalog = options.Flows;

    public async ValueTask ProcessAsync(InboundMessage message, CancellationToken cancellationToken)
    {
        InboundKind kind = _decoder.Decode(message.Topic, message.Payload, 0, message.Length);
        metrics.MessageReceived(kind);
        string node = _decoder.Address.Id ?? "-";
        long now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        switch (kind)
        {
            case InboundKind.Rejected:
                Reject(node, RejectReasons.Of(_decoder.Error), message.Topic);
                break;
            case InboundKind.Birth:
                if (OnBirth(node, message.Topic, now))
                {
                    await supervisor.OnBirthAsync(node, _decoder.Birth.Session, _decoder.Birth.HeartbeatMs, (int)_decoder.Birth.MaxFlows, cancellationToken).ConfigureAwait(false);
                }

                break;
            case InboundKind.NodeState:
                if (OnState(node, now))
                {
                    await supervisor.OnDeathAsync(node, "last will", cancellationToken).ConfigureAwait(false);
                }

                break;
            case InboundKind.Telemetry:
                sessions.OnTelemetry(node, _decoder.Telemetry, now);
                await supervisor.OnTelemetryAsync(node, _decoder.Telemetry, cancellationToken).ConfigureAwait(false);
                break;
            case InboundKind.Data:
                await OnDataAsync(node, message, now, cancellationToken).ConfigureAwait(false);
                break;
        }
    }

    /// <summary>True when the birth opened a new current session.</summary>
    private bool OnBirth(string node, string topic, long now)
    {
        if (_decoder.Birth.Node != node)
        {
            Reject(node, RejectReasons.NodeMismatch, topic);
            return false;
        }

        SessionUpdate update = sessions.OnBirth(node, _decoder.Birth, now);
        events.Add(update == SessionUpdate.Applied ? "birth" : "stale_birth", node, $"session {_decoder.Birth.Session}");
        return update == SessionUpdate.Applied;
    }

    /// <summary>True when the message is the death (offline state, e.g. the Last Will) of the current session.</summary>
    private bool OnState(string node, long now)
    {
        NodeStateMessage state = _decoder.NodeState;
        SessionUpdate update = sessions.OnState(node, state, now);
        if (!state.Online)
        {
            events.Add(update == SessionUpdate.Applied ? "death" : "stale_death", node, $"session {state.Session}");
        }

        return !state.Online && update == SessionUpdate.Applied;
    }

    private async ValueTask OnDataAsync(string node, InboundMessage message, long now, CancellationToken cancellationToken)
    {
        DataBatch batch = _decoder.Batch;
        string? reason = !_catalog.TryGet(batch.Flow, out FlowDefinition flowDefinition) ? RejectReasons.UnknownFlow
            : !flowDefinition.IsEligible(node) ? RejectReasons.NotEligible
            : sessions.CheckData(node, batch.Session, now);
        if (reason is not null)
        {
            Reject(node, reason, message.Topic);
            return;
        }

        FlowSequence flow = flows.Get(batch.Flow);
        switch (flow.Classify(batch.FirstSequence, batch.Count))
        {
            case SequenceVerdict.Duplicate:
                await OnDuplicateAsync(node, flow, batch, cancellationToken).ConfigureAwait(false);
                break;
            case SequenceVerdict.Gap:
                Hold(node, flow, message, now);
                break;
            default:
                await AcceptAsync(flow, Copy(node, message.ReceivedTimestamp), cancellationToken).ConfigureAwait(false);
                break;
        }
    }

    private async ValueTask OnDuplicateAsync(string node, FlowSequence flow, DataBatch batch, CancellationToken cancellationToken)
    {
        metrics.Duplicate();

        // The node resends what it has no ack for, so the ack may have been lost: repeat it if it covers the batch.
        if (batch.LastSequence < flow.Committed)
        {
            await acks.SendAsync(node, flow.Flow, flow.Committed, cancellationToken).ConfigureAwait(false);
        }
    }

    private void Hold(string node, FlowSequence flow, InboundMessage message, long now)
    {
        if (flow.IsHeld(_decoder.Batch.FirstSequence))
        {
            metrics.Duplicate();
            return;
        }

        IngestedBatch copy = Copy(node, message.ReceivedTimestamp);
        if (!flow.TryHold(copy, options.MaxHeldBatchesPerFlow, now))
        {
            pool.Return(copy);
            Reject(node, RejectReasons.HoldFull, message.Topic);
        }
    }

    private async ValueTask AcceptAsync(FlowSequence flow, IngestedBatch batch, CancellationToken cancellationToken)
    {
        while (true)
        {
            batch.TrimFront((int)(flow.Accepted - batch.Batch.FirstSequence));
            flow.Advance(batch.Batch.LastSequence + 1);
            flow.LastNode = batch.Node;
            await store.EnqueueAsync(batch, cancellationToken).ConfigureAwait(false);

            // Held batches the accepted sequence has now reached: take them in order, dropping what is covered.
            IngestedBatch? next;
            while ((next = flow.TakeReady()) is not null && next.Batch.LastSequence < flow.Accepted)
            {
                metrics.Duplicate();
                pool.Return(next);
            }

            if (next is null)
            {
                return;
            }

            batch = next;
        }
    }

    private IngestedBatch Copy(string node, long receivedTimestamp)
    {
        IngestedBatch copy = pool.Rent();
        copy.Batch.CopyFrom(_decoder.Batch);
        copy.Node = node;
        copy.ReceivedTimestamp = receivedTimestamp;
        return copy;
    }

    private void Reject(string node, string reason, string topic)
    {
        metrics.Rejected(reason);
        if (rejections.Reject(node, reason, topic))
        {
            events.Add("reject", node, reason);
        }
    }
}
