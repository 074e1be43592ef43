using Edge.Gateway.Core.Aggregation;
using Edge.Gateway.Core.Ports;
using Edge.Gateway.Core.Sinks;

namespace Edge.Gateway.Core.Tests.Sinks;

[Trait("Category", "Unit")]
public sealed class MqttRollupSinkTests
{
    [Fact]
    public async Task A_batch_goes_out_whole_before_the_broker_acknowledges_any_of_it()
    {
        var publisher = new PendingPublisher();
        var sink = MqttRollupSink.ForSite(publisher, "lab");

        Task writing = sink.WriteAsync([Rollup(1, 1000), Rollup(2, 1000), Rollup(3, 1000)], CancellationToken.None);

        Assert.Equal(["edge/v1/lab/rollup/1s/flow/1", "edge/v1/lab/rollup/1s/flow/2", "edge/v1/lab/rollup/1s/flow/3"], publisher.Calls.Select(c => c.Topic));
        Assert.False(writing.IsCompleted);
        publisher.Calls.ForEach(c => c.Done.SetResult());
        await writing;
    }

    [Fact]
    public async Task A_refused_rollup_fails_the_batch_and_what_was_taken_is_not_sent_back_in_time()
    {
        var publisher = new PendingPublisher();
        var sink = MqttRollupSink.ForSite(publisher, "lab");
        Task writing = sink.WriteAsync([Rollup(1, 2000), Rollup(2, 2000)], CancellationToken.None);
        publisher.Calls[0].Done.SetResult();
        publisher.Calls[1].Done.SetException(new InvalidOperationException("connection lost"));
        await Assert.ThrowsAsync<InvalidOperationException>(() => writing);

        // A replay of older windows: flow 1 already holds a later one and is skipped; flow 2 was never taken.
        publisher.Calls.Clear();
        Task replay = sink.WriteAsync([Rollup(1, 1000), Rollup(2, 1000)], CancellationToken.None);
        Assert.Equal(["edge/v1/lab/rollup/1s/flow/2"], publisher.Calls.Select(c => c.Topic));
        publisher.Calls[0].Done.SetResult();
        await replay;
    }

    private static RollupRecord Rollup(int flow, long startMs) => new("1s", flow, startMs, startMs + 1000, 1, 1, 1, 1, 1, 1, 1, 1);

    /// <summary>A broker that acknowledges each publish when the test says so.</summary>
    private sealed class PendingPublisher : IMessagePublisher
    {
        public List<(string Topic, TaskCompletionSource Done)> Calls { get; } = [];

        public Task PublishAsync(string topic, ReadOnlyMemory<byte> payload, bool retain, CancellationToken cancellationToken)
        {
            var done = new TaskCompletionSource();
            Calls.Add((topic, done));
            return done.Task;
        }
    }
}
