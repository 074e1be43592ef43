using Edge.Gateway.Core.Fleet;
using Edge.Gateway.Core.Flows;
using Edge.Gateway.Core.Ports;
using Edge.Gateway.Core.Storage;
using Edge.Protocol;

namespace Edge.Gateway.Core.Ingest;

/// <summary>
/// Decides what each inbound message means: session changes (handed to the fleet loop, births and states awaited
/// so the data after them finds their session), or data that is accepted (queued for commit), held behind a gap,
/// dropped as a duplicate, or rejected with a counted reason. Single-threaded by design: one ingest loop owns the
/// decoder and the accepted side of every flow. A standby takes everything but data: births, states and heartbeats
/// keep its fleet view warm, gateway states and retained owners tell it who leads and who serves what.
/// </summary>
internal sealed class IngestProcessor(
    IngestOptions options, FlowRegistry flows, FleetLoop fleet, BatchStore store, AckSender acks, RejectionLog rejections,
    IGatewayMetrics metrics, TimeProvider clock, Leadership leadership)
{
    private readonly InboundDecoder _decoder = new();

    public async ValueTask ProcessAsync(InboundMessage message, CancellationToken cancellationToken)
    {
        InboundKind kind = _decoder.Decode(message.Topic, message.Payload, 0, message.Length);
        metrics.MessageReceived(kind);
        string node = _decoder.Address.Id ?? "-";
        switch (kind)
        {
            case InboundKind.Rejected:
                rejections.Reject(node, RejectReasons.Of(_decoder.Error), message.Topic);
                break;
            case InboundKind.Birth:
                if (_decoder.Birth.Node != node)
                {
                    rejections.Reject(node, RejectReasons.NodeMismatch, message.Topic);
                    break;
                }

                await fleet.BirthAsync(NodeBirth.From(_decoder.Birth), cancellationToken).ConfigureAwait(false);
                break;
            case InboundKind.NodeState:
                NodeStateMessage state = _decoder.NodeState;
                await fleet.StateAsync(node, state.Online, state.Session, state.Planned, cancellationToken).ConfigureAwait(false);
                break;
            case InboundKind.Telemetry:
                if (_decoder.Telemetry.LanesError != ProtocolError.None)
                {
                    rejections.Reject(node, RejectReasons.BadLanes, message.Topic);
                }

                fleet.Telemetry(node, NodeTelemetry.From(_decoder.Telemetry));
                break;
            case InboundKind.Data:
                // Only the leader takes data; the nodes send everything unacknowledged again to whoever leads next.
                if (leadership.IsLeader)
                {
                    await OnDataAsync(node, message, cancellationToken).ConfigureAwait(false);
                }

                break;
            case InboundKind.GatewayState:
                GatewayStateMessage peer = _decoder.GatewayState;
                leadership.ObservePeer(peer.Gateway, peer.Online, peer.Primary, peer.Token, peer.SinceMs);
                break;
            case InboundKind.FlowOwner:
                if (_decoder.IsEmpty)
                {
                    break;
                }

                if (!flows.IsConfigured(_decoder.Address.Flow, out _))
                {
                    fleet.StaleOwner(_decoder.Address.Flow);
                    break;
                }

                FlowOwnerMessage owner = _decoder.Owner;
                fleet.Owner(owner.Flow, owner.Node, owner.Epoch, owner.Token);
                break;
        }
    }

    private async ValueTask OnDataAsync(string node, InboundMessage message, CancellationToken cancellationToken)
    {
        DataBatch batch = _decoder.Batch;
        string? reason = !flows.IsConfigured(batch.Flow, out FlowDefinition flowDefinition) ? RejectReasons.UnknownFlow
            : !flowDefinition.IsEligible(node) ? RejectReasons.NotEligible
            : RejectReasons.OfSession(fleet.Nodes.CheckData(node, batch.Session));
        if (reason is not null)
        {
            rejections.Reject(node, reason, message.Topic);
            return;
        }

        FlowSequence flow = flows.Get(batch.Flow);
        SequenceVerdict verdict = flow.Classify(batch.FirstSequence, batch.Count);

        // New samples only from the flow's owner (or its former owner, briefly): anyone else's would make the
        // owner's real samples look like duplicates. A batch with nothing new harms nobody and gets its ack.
        if (verdict != SequenceVerdict.Duplicate && !fleet.Ownership.Allows(batch.Flow, node, clock.GetUtcNow().ToUnixTimeMilliseconds()))
        {
            rejections.Reject(node, RejectReasons.NotOwner, message.Topic);
            return;
        }

        switch (verdict)
        {
            case SequenceVerdict.Duplicate:
                OnDuplicate(node, flow, batch);
                break;
            case SequenceVerdict.Gap:
                Hold(node, flow, message);
                break;
            default:
                await AcceptAsync(flow, Copy(node, message.ReceivedTimestamp), cancellationToken).ConfigureAwait(false);
                break;
        }
    }

    private void OnDuplicate(string node, FlowSequence flow, DataBatch batch)
    {
        metrics.Duplicate();

        // The node resends what it has no ack for, so the ack may have been lost: repeat it if it covers the batch.
        if (batch.LastSequence < flow.Committed)
        {
            acks.Send(node, flow.Flow, flow.Committed);
        }
    }

    private void Hold(string node, FlowSequence flow, InboundMessage message)
    {
        if (flow.IsHeld(_decoder.Batch.FirstSequence))
        {
            metrics.Duplicate();
            return;
        }

        IngestedBatch copy = Copy(node, message.ReceivedTimestamp);
        if (!flow.TryHold(copy, options.MaxHeldBatchesPerFlow, clock.GetUtcNow().ToUnixTimeMilliseconds()))
        {
            store.Return(copy);
            rejections.Reject(node, RejectReasons.HoldFull, message.Topic);
        }
    }

    private async ValueTask AcceptAsync(FlowSequence flow, IngestedBatch batch, CancellationToken cancellationToken)
    {
        while (true)
        {
            batch.TrimFront((int)(flow.Accepted - batch.Batch.FirstSequence));
            flow.Advance(batch.Batch.LastSequence + 1);
            flow.LastNode = batch.Node;
            batch.Term = leadership.Term;
            await store.EnqueueAsync(batch, cancellationToken).ConfigureAwait(false);

            // Held batches the accepted sequence has now reached: take them in order, dropping what is covered.
            IngestedBatch? next;
            while ((next = flow.TakeReady()) is not null && next.Batch.LastSequence < flow.Accepted)
            {
                metrics.Duplicate();
                store.Return(next);
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
        IngestedBatch copy = store.Rent();
        copy.Batch.CopyFrom(_decoder.Batch);
        copy.Node = node;
        copy.ReceivedTimestamp = receivedTimestamp;
        return copy;
    }
}
