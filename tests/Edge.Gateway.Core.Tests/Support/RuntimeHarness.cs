using Edge.Gateway.Core.Storage;
using Edge.Gateway.Core.Ingest;
using Edge.Gateway.Core.Ports;
using Edge.Gateway.Core.Flows;
using Edge.Gateway.Core.Election;
using Edge.Gateway.Core.Hosting;
using Edge.Gateway.Core.Sinks;
using Edge.Protocol;
using Microsoft.Extensions.Logging.Abstractions;

namespace Edge.Gateway.Core.Tests.Support;

/// <summary>A started runtime on a real SQLite file with a recording publisher instead of a broker.</summary>
internal sealed class RuntimeHarness : IAsyncDisposable
{
    public RuntimeHarness(string dbPath, TimeProvider? clock = null, IEnumerable<ISink>? sinks = null)
    {
        Runtime = new GatewayRuntime(
            new GatewayOptions
            {
                Site = Wire.Site,
                Flows = FlowCatalog.Parse("1,2"),
                Store = new StoreOptions { DatabasePath = dbPath },
                Ingest = new IngestOptions { ResendAfter = TimeSpan.FromSeconds(2) },

                // Alone on no broker: act as primary from the start, before the first message.
                Election = new ElectionOptions { StartupGrace = TimeSpan.Zero },
            },
            Publisher, NullGatewayMetrics.Instance, NullLoggerFactory.Instance, clock ?? TimeProvider.System,
            sinks ?? [], new SinkResilienceOptions());
        Runtime.Start();
    }

    public RecordingPublisher Publisher { get; } = new();

    public GatewayRuntime Runtime { get; }

    public ValueTask SendAsync(InboundMessage message) => Runtime.EnqueueAsync(message, CancellationToken.None);

    /// <summary>The highest ack next-sequence published to a node for a flow, or -1.</summary>
    public long HighestAck(string node, int flow)
    {
        long best = -1;
        var ack = new AckMessage();
        foreach (var (topic, payload, _) in Publisher.Published)
        {
            if (topic == Topics.Node(Wire.Site, node, Topics.Ack) && ack.Decode(payload, 0, payload.Length) == ProtocolError.None && ack.Flow == flow)
            {
                best = Math.Max(best, ack.NextSequence);
            }
        }

        return best;
    }

    public int AckCount(string node) => Publisher.Published.Count(p => p.Topic == Topics.Node(Wire.Site, node, Topics.Ack));

    public ValueTask DisposeAsync() => Runtime.DisposeAsync();
}
