using Edge.Gateway.Core.Outbound;
using Edge.Gateway.Core.Ports;
using Edge.Gateway.Core.Tests.Support;
using Edge.Protocol;
using Microsoft.Extensions.Logging.Abstractions;

namespace Edge.Gateway.Core.Tests.Outbound;

[Trait("Category", "Unit")]
public sealed class OutboxTests
{
    [Fact]
    public async Task A_newer_ack_replaces_an_unsent_older_one_and_other_keys_keep_their_place()
    {
        var publisher = new RecordingPublisher();
        var outbox = new Outbox(publisher, NullGatewayMetrics.Instance, TimeProvider.System, NullLogger<Outbox>.Instance);
        outbox.Enqueue(OutboundMessage.Ack("lab", "n1", 1, 5));
        outbox.Enqueue(OutboundMessage.Ack("lab", "n1", 2, 7));
        outbox.Enqueue(OutboundMessage.Ack("lab", "n1", 1, 9));

        Assert.True(await outbox.FlushAsync(CancellationToken.None));

        Assert.Equal([(1, 9L), (2, 7L)], publisher.Published.Select(p => Ack(p.Payload)).ToList());
        Assert.Equal(0, outbox.Pending);
    }

    [Fact]
    public async Task A_message_the_broker_refused_goes_out_first_once_it_takes_messages_again()
    {
        var publisher = new RefusingPublisher { Refuse = true };
        var outbox = new Outbox(publisher, NullGatewayMetrics.Instance, TimeProvider.System, NullLogger<Outbox>.Instance);
        outbox.Enqueue(Owner(3, "n1", epoch: 1));
        outbox.Enqueue(OutboundMessage.Ack("lab", "n1", 1, 4));

        Assert.False(await outbox.FlushAsync(CancellationToken.None));
        Assert.Equal(2, outbox.Pending);
        Assert.Equal(1, outbox.Failures);

        publisher.Refuse = false;
        Assert.True(await outbox.FlushAsync(CancellationToken.None));
        Assert.Equal(["edge/v1/lab/flow/3/owner", "edge/v1/lab/node/n1/ack"], publisher.Published.Select(p => p.Topic).ToList());
        Assert.True(publisher.Published[0].Retain);
    }

    [Fact]
    public async Task A_refused_owner_is_dropped_when_a_newer_assignment_of_the_flow_arrived_meanwhile()
    {
        var publisher = new RefusingPublisher { Refuse = true };
        var outbox = new Outbox(publisher, NullGatewayMetrics.Instance, TimeProvider.System, NullLogger<Outbox>.Instance);
        outbox.Enqueue(Owner(3, "n1", epoch: 1));
        Task<bool> flushing = outbox.FlushAsync(CancellationToken.None);
        outbox.Enqueue(Owner(3, "n2", epoch: 2));
        await flushing;

        publisher.Refuse = false;
        await outbox.FlushAsync(CancellationToken.None);

        var owner = new FlowOwnerMessage();
        byte[] payload = Assert.Single(publisher.Published).Payload;
        Assert.Equal(ProtocolError.None, JsonCodec.Decode(owner, new JsonReader(), payload, 0, payload.Length));
        Assert.Equal("n2", owner.Node);
    }

    [Fact]
    public async Task Acks_and_resend_requests_are_counted_when_the_broker_takes_them_not_before()
    {
        var metrics = new CountingMetrics();
        var publisher = new RefusingPublisher { Refuse = true };
        var outbox = new Outbox(publisher, metrics, TimeProvider.System, NullLogger<Outbox>.Instance);
        outbox.Enqueue(OutboundMessage.Ack("lab", "n1", 1, 4));
        outbox.Enqueue(OutboundMessage.Resend("lab", "n1", new CommandMessage { Command = CommandMessage.Resend, Flow = 1, From = 4 }));
        await outbox.FlushAsync(CancellationToken.None);
        Assert.Equal((0, 0), (metrics.Acks, metrics.Resends));

        publisher.Refuse = false;
        await outbox.FlushAsync(CancellationToken.None);
        Assert.Equal((1, 1), (metrics.Acks, metrics.Resends));
    }

    [Fact]
    public async Task The_pump_sends_what_is_queued_without_being_asked()
    {
        var publisher = new RecordingPublisher();
        var outbox = new Outbox(publisher, NullGatewayMetrics.Instance, TimeProvider.System, NullLogger<Outbox>.Instance);
        using var stop = new CancellationTokenSource();
        Task pump = outbox.RunAsync(stop.Token);

        outbox.Enqueue(OutboundMessage.Ack("lab", "n1", 1, 4));
        await Eventually.TrueAsync(() => publisher.Published.Count == 1, "the ack is published");
        outbox.Enqueue(OutboundMessage.Ack("lab", "n2", 1, 8));
        await Eventually.TrueAsync(() => publisher.Published.Count == 2, "the second ack is published");

        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pump);
    }

    [Fact]
    public async Task Publishes_wait_for_the_broker_together_and_a_refused_one_goes_out_first_next_time()
    {
        var publisher = new PendingPublisher();
        var outbox = new Outbox(publisher, NullGatewayMetrics.Instance, TimeProvider.System, NullLogger<Outbox>.Instance);
        outbox.Enqueue(OutboundMessage.Ack("lab", "n1", 1, 4));
        outbox.Enqueue(OutboundMessage.Ack("lab", "n2", 1, 8));
        outbox.Enqueue(OutboundMessage.Ack("lab", "n3", 1, 9));

        Task<bool> flushing = outbox.FlushAsync(CancellationToken.None);

        // All three went out before the broker acknowledged any of them.
        Assert.Equal(["n1", "n2", "n3"], publisher.Calls.Select(c => c.Node).ToList());
        publisher.Calls[2].Done.SetResult();
        publisher.Calls[1].Done.SetException(new InvalidOperationException("connection lost"));
        publisher.Calls[0].Done.SetResult();
        Assert.False(await flushing);
        Assert.Equal(1, outbox.Pending);

        publisher.Calls.Clear();
        Task<bool> again = outbox.FlushAsync(CancellationToken.None);
        Assert.Equal("n2", Assert.Single(publisher.Calls).Node);
        publisher.Calls[0].Done.SetResult();
        Assert.True(await again);
    }

    private static OutboundMessage Owner(int flow, string node, long epoch) =>
        OutboundMessage.Owner("lab", new FlowOwnerMessage { Flow = flow, Node = node, Epoch = epoch });

    private static (int Flow, long Next) Ack(byte[] payload)
    {
        var ack = new AckMessage();
        Assert.Equal(ProtocolError.None, ack.Decode(payload, 0, payload.Length));
        return (ack.Flow, ack.NextSequence);
    }

    /// <summary>A publisher whose broker acknowledges each publish when the test says so.</summary>
    private sealed class PendingPublisher : IMessagePublisher
    {
        public List<(string Node, TaskCompletionSource Done)> Calls { get; } = [];

        public Task PublishAsync(string topic, ReadOnlyMemory<byte> payload, bool retain, CancellationToken cancellationToken)
        {
            var done = new TaskCompletionSource();
            Calls.Add((topic.Split('/')[4], done));
            return done.Task;
        }
    }

    /// <summary>Refuses every publish while Refuse is set, as a client that lost its broker does.</summary>
    private sealed class RefusingPublisher : IMessagePublisher
    {
        public bool Refuse { get; set; }

        public List<(string Topic, byte[] Payload, bool Retain)> Published { get; } = [];

        public Task PublishAsync(string topic, ReadOnlyMemory<byte> payload, bool retain, CancellationToken cancellationToken)
        {
            if (Refuse)
            {
                throw new InvalidOperationException("not connected to the broker");
            }

            Published.Add((topic, payload.ToArray(), retain));
            return Task.CompletedTask;
        }
    }

    private sealed class CountingMetrics : IGatewayMetrics
    {
        public int Acks { get; private set; }

        public int Resends { get; private set; }

        public void AckSent() => Acks++;

        public void ResendRequested() => Resends++;

        public void MessageReceived(InboundKind kind) { }

        public void Rejected(string reason) { }

        public void Duplicate() { }

        public void SamplesCommitted(int count) { }

        public void IngestLatency(double seconds) { }

        public void TransactionCommitted(int batches) { }

        public void SinkStateChanged(string sink, SinkCircuitState state) { }

        public void SinkWritten(string sink, int records) { }

        public void SinkDeadLettered(string sink, int records) { }
    }
}
