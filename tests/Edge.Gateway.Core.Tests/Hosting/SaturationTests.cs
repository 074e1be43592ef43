using System.Buffers;
using System.Diagnostics;
using Edge.Gateway.Core.Flows;
using Edge.Gateway.Core.Hosting;
using Edge.Gateway.Core.Ingest;
using Edge.Gateway.Core.Ports;
using Edge.Gateway.Core.Sinks;
using Edge.Gateway.Core.Storage;
using Edge.Gateway.Core.Tests.Support;
using Edge.Protocol;
using Microsoft.Extensions.Logging.Abstractions;

namespace Edge.Gateway.Core.Tests.Hosting;

[Trait("Category", "Unit")]
public sealed class SaturationTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    [Fact]
    public async Task A_full_inbound_queue_makes_the_hand_over_wait_and_the_gateway_say_it_is_saturated()
    {
        var clock = new ManualClock();
        await using var runtime = new GatewayRuntime(
            new GatewayOptions
            {
                Site = Wire.Site, Flows = FlowCatalog.Parse("1"), Store = new StoreOptions { DatabasePath = _dir.File("gw.db") },
                Ingest = new IngestOptions { QueueCapacity = 8 },
            },
            new RecordingPublisher(), NullGatewayMetrics.Instance, NullLoggerFactory.Instance, clock, [], new SinkResilienceOptions());

        // Not started: nothing drains the queue, as when ingest is behind.
        for (int i = 0; i < 8; i++)
        {
            Assert.True(runtime.EnqueueAsync(Telemetry(), CancellationToken.None).IsCompletedSuccessfully);
        }

        ValueTask waiting = runtime.EnqueueAsync(Telemetry(), CancellationToken.None);
        Assert.False(waiting.IsCompleted);
        Assert.True(runtime.Queries.Saturation().Saturated);

        runtime.Start();
        await waiting;
        Assert.Equal(1, runtime.Queries.Saturation().Waits);
        clock.Advance(Backpressure.HoldFor + TimeSpan.FromSeconds(1));
        Assert.False(runtime.Queries.Saturation().Saturated);
    }

    public void Dispose() => _dir.Dispose();

    private static InboundMessage Telemetry()
    {
        byte[] json = "{\"session\":1,\"timestamp\":1}"u8.ToArray();
        byte[] buffer = ArrayPool<byte>.Shared.Rent(json.Length);
        json.CopyTo(buffer, 0);
        return new InboundMessage(Topics.Node(Wire.Site, "n1", Topics.Telemetry), buffer, json.Length, Stopwatch.GetTimestamp());
    }
}
