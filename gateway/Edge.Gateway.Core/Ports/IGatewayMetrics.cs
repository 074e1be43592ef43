namespace Edge.Gateway.Core.Ports;

/// <summary>
/// The numbers operators alert on. The host maps them to Prometheus; keeping the interface here keeps the
/// logic free of any metrics library.
/// </summary>
internal interface IGatewayMetrics
{
    void MessageReceived(InboundKind kind);

    void Rejected(string reason);

    void Duplicate();

    void SamplesCommitted(int count);

    void AckSent();

    void ResendRequested();

    void IngestLatency(double seconds);

    void TransactionCommitted(int batches);

    void SinkStateChanged(string sink, SinkCircuitState state);

    void SinkWritten(string sink, int records);

    void SinkDeadLettered(string sink, int records);
}
