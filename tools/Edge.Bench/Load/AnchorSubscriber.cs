using System.Buffers;
using System.Buffers.Binary;
using Edge.Protocol;

namespace Edge.Bench.Load;

/// <summary>
/// The anchor's one subscriber: every node's data topic at QoS 1 (it acknowledges each delivery), and each
/// received batch confirms its publisher's window up to the batch's end, as the gateway's ack would. Batches of
/// one publisher arrive in the order sent (MQTT keeps per-publisher order for one subscriber at QoS 1), so a
/// batch that does not start where the last ended is counted as out of order (lost, repeated or reordered).
/// </summary>
internal sealed class AnchorSubscriber : IAsyncDisposable
{
    private readonly Dictionary<string, (LoadNode Node, long Next)> _nodes;
    private LightClient? _client;

    private AnchorSubscriber(IEnumerable<LoadNode> nodes) =>
        _nodes = nodes.ToDictionary(n => n.Id, n => (n, n.FirstSequence), StringComparer.Ordinal);

    public long Received { get; private set; }

    public long OutOfOrder { get; private set; }

    public static async Task<AnchorSubscriber> StartAsync(string host, int port, string site, IEnumerable<LoadNode> nodes, CancellationToken cancellationToken)
    {
        var subscriber = new AnchorSubscriber(nodes);
        subscriber._client = await LightClient.ConnectAsync(host, port, LightClient.Connect("anchor-subscriber", LoadNode.KeepAliveSeconds),
            subscriber.OnPublish, cancellationToken).ConfigureAwait(false);
        await subscriber._client.SubscribeAsync([Topics.Node(site, "+", Topics.Data)], cancellationToken).ConfigureAwait(false);
        return subscriber;
    }

    public async ValueTask DisposeAsync()
    {
        if (_client is not null)
        {
            await _client.DisposeAsync().ConfigureAwait(false);
        }
    }

    // One receive loop: the dictionary and counters are touched from it only.
    private void OnPublish(string topic, ReadOnlySequence<byte> payload)
    {
        Span<byte> header = stackalloc byte[ProtocolLimits.BatchHeaderBytes];
        if (payload.Length < header.Length || NodeOf(topic) is not { } id || !_nodes.TryGetValue(id, out var entry))
        {
            return;
        }

        payload.Slice(0, header.Length).CopyTo(header);
        int count = BinaryPrimitives.ReadUInt16LittleEndian(header[6..]);
        long first = BinaryPrimitives.ReadUInt32LittleEndian(header[12..]);
        Received++;
        if (first != entry.Next)
        {
            OutOfOrder++;
        }

        _nodes[id] = (entry.Node, first + count);
        entry.Node.Delivered(first + count);
    }

    /// <summary>edge/v1/{site}/node/{id}/data → id.</summary>
    public static string? NodeOf(string topic)
    {
        string[] parts = topic.Split('/');
        return parts.Length == 6 && parts[3] == "node" ? parts[4] : null;
    }
}
