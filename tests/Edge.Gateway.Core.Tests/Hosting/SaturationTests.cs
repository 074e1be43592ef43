using System.Buffers;
using System.Diagnostics;
using Edge.Gateway.Core.Flows;
using Edge.Gateway.Core.Hosting;
using Edge.Gateway.Core.Ingest;
using Edge.Gateway.Core.Ports;
using Edge.Gateway.Core.Queries;
using Edge.Gateway.Core.Sinks;
using Edge.Gateway.Core.Storage;
using Edge.Gateway.Core.Tests.Support;
using Edge.Protocol;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Edge.Gateway.Core.Tests.Hosting;

[Trait("Category", "Unit")]
public sealed class SaturationTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    [Fact]
    public async Task A_full_inbound_queue_makes_the_hand_over_wait_and_the_gateway_say_it_is_saturated()
    {
        var clock = new ManualClock();
        await using var runtime = Runtime(clock, queueCapacity: 8);

        // Not started: nothing drains the queue, as when ingest is behind.
        for (int i = 0; i < 8; i++)
        {
            Assert.True(runtime.EnqueueAsync(Telemetry(), CancellationToken.None).IsCompletedSuccessfully);
        }

        ValueTask waiting = runtime.EnqueueAsync(Data(), CancellationToken.None);
        Assert.False(waiting.IsCompleted);
        Assert.True(runtime.Queries.Saturation().Saturated);

        runtime.Start();
        await waiting;
        Assert.Equal(1, runtime.Queries.Saturation().Waits);
        clock.Advance(Backpressure.HoldFor + TimeSpan.FromSeconds(1));
        Assert.False(runtime.Queries.Saturation().Saturated);
    }

    [Fact]
    public async Task A_report_that_finds_the_queue_full_is_shed_and_counted_while_its_heartbeat_is_heard_and_data_waits()
    {
        var clock = new ManualClock();
        await using var runtime = Runtime(clock, queueCapacity: 2);
        Assert.True(runtime.EnqueueAsync(Telemetry(), CancellationToken.None).IsCompletedSuccessfully);
        Assert.True(runtime.EnqueueAsync(Telemetry(), CancellationToken.None).IsCompletedSuccessfully);
        int beatsBefore = runtime.Queries.Queues().Fleet;

        // Full: the reports do not wait, they are shed, and the gateway says it is saturated without having waited.
        for (int i = 0; i < 5; i++)
        {
            Assert.True(runtime.EnqueueAsync(Telemetry(), CancellationToken.None).IsCompletedSuccessfully);
        }

        Saturation saturation = runtime.Queries.Saturation();
        Assert.Equal(5, saturation.ReportsShed);
        Assert.Equal(0, saturation.Waits);
        Assert.True(saturation.Saturated);
        Assert.Equal(beatsBefore + 5, runtime.Queries.Queues().Fleet);

        // A data batch is never shed: it waits for room, which is the backpressure on its publisher.
        ValueTask data = runtime.EnqueueAsync(Data(), CancellationToken.None);
        Assert.False(data.IsCompleted);
        runtime.Start();
        await data;
        Assert.Equal(1, runtime.Queries.Saturation().Waits);
        Assert.Equal(5, runtime.Queries.Saturation().ReportsShed);
    }

    [Fact]
    public async Task A_probe_that_runs_late_tells_the_fleet_the_gateway_was_paused_and_one_on_time_does_not()
    {
        // A clock that drives timers: the probe's 100 ms ticks come when the test moves it.
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        await using var runtime = Runtime(clock);
        runtime.Start();
        await Task.Delay(200);

        for (int i = 0; i < 5; i++)
        {
            clock.Advance(TimeSpan.FromMilliseconds(100));
            await Task.Delay(50);
        }

        Assert.Equal(0, runtime.Queries.Saturation().Pauses);

        // The next tick a second late, as when the thread pool fell behind: a pause.
        clock.Advance(TimeSpan.FromSeconds(1));
        await Eventually.TrueAsync(() => runtime.Queries.Saturation().Pauses == 1, "the pause counted");
    }

    public void Dispose() => _dir.Dispose();

    private GatewayRuntime Runtime(TimeProvider clock, int? queueCapacity = null) => new(
        new GatewayOptions
        {
            Site = Wire.Site, Flows = FlowCatalog.Parse("1"), Store = new StoreOptions { DatabasePath = _dir.File("gw.db") },
            Ingest = queueCapacity is int capacity ? new IngestOptions { QueueCapacity = capacity } : new IngestOptions(),
        },
        new RecordingPublisher(), NullGatewayMetrics.Instance, NullLoggerFactory.Instance, clock, [], new SinkResilienceOptions());

    private static InboundMessage Telemetry() => Message(Topics.Telemetry, "{\"session\":1,\"timestamp\":1}"u8.ToArray());

    // Not a valid batch: this test is about the queue, not the decoder (ingest rejects and counts it).
    private static InboundMessage Data() => Message(Topics.Data, [1, 2, 3]);

    private static InboundMessage Message(string leaf, byte[] payload)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(payload.Length);
        payload.CopyTo(buffer, 0);
        return new InboundMessage(Topics.Node(Wire.Site, "n1", leaf), buffer, payload.Length, Stopwatch.GetTimestamp());
    }
}
