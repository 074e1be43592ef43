namespace Edge.Gateway.Core.Ports;

/// <summary>The no-op default, so logic can run (and be benchmarked) without a broker.</summary>
internal sealed class NullMessagePublisher : IMessagePublisher
{
    public static readonly NullMessagePublisher Instance = new();

    public Task PublishAsync(string topic, ReadOnlyMemory<byte> payload, bool retain, CancellationToken cancellationToken) =>
        Task.CompletedTask;
}
