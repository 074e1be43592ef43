using Edge.Gateway.Core.Ports;

namespace Edge.Gateway.Core.Tests.Sinks;

/// <summary>Stops the gateway (cancels <c>stop</c>) at the moment a sink's records are dead-lettered.</summary>
internal sealed class StopOnDeadLetterMetrics(CancellationTokenSource stop) : IGatewayMetrics
{
    public void SinkDeadLettered(string sink, int records) => stop.Cancel();

    public void MessageReceived(InboundKind kind) { }

    public void Rejected(string reason) { }

    public void Duplicate() { }

    public void SamplesCommitted(int count) { }

    public void AckSent() { }

    public void ResendRequested() { }

    public void IngestLatency(double seconds) { }

    public void TransactionCommitted(int batches) { }

    public void SinkStateChanged(string sink, SinkCircuitState state) { }

    public void SinkWritten(string sink, int records) { }
}
