namespace Edge.Gateway.Core.Ports;

internal sealed class NullGatewayMetrics : IGatewayMetrics
{
    public static readonly NullGatewayMetrics Instance = new();

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

    public void SinkDeadLettered(string sink, int records) { }
}
