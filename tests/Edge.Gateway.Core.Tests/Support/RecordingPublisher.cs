using Edge.Gateway.Core.Ports;
using System.Collections.Concurrent;

namespace Edge.Gateway.Core.Tests.Support;

internal sealed class RecordingPublisher : IMessagePublisher
{
    public ConcurrentQueue<(string Topic, byte[] Payload, bool Retain)> Published { get; } = new();

    public Task PublishAsync(string topic, ReadOnlyMemory<byte> payload, bool retain, CancellationToken cancellationToken)
    {
        Published.Enqueue((topic, payload.ToArray(), retain));
        return Task.CompletedTask;
    }
}
