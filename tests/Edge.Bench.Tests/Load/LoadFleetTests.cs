using System.Buffers;
using Edge.Bench.Harness;
using Edge.Bench.Load;
using Edge.Protocol;

namespace Edge.Bench.Tests.Load;

public sealed class LoadFleetTests
{
    [Fact]
    [Trait("Category", "Integration")]
    public async Task A_fleet_that_does_not_run_says_which_nodes_lack_the_gateway_and_which_their_owner()
    {
        using var broker = await MosquittoBroker.StartAsync();
        await using var fleet = new LoadFleet(new LoadSettings(), nodes: 2, withFlows: true);
        Assert.Equal(0, await fleet.ConnectAsync("127.0.0.1", broker.Port, concurrency: 2, TimeSpan.FromSeconds(30)));
        Assert.Equal("2 without a primary gateway's state, 2 without their owner", fleet.Lacking());

        await using (LightClient gateway = await LightClient.ConnectAsync("127.0.0.1", broker.Port, LightClient.Connect("gw", 15), (_, _) => { }, CancellationToken.None))
        {
            await gateway.PublishAsync(Topics.GatewayState("lab", "gw"), Json(new GatewayStateMessage { Gateway = "gw", Online = true, Primary = true }), atLeastOnce: true, retain: true);
            await gateway.PublishAsync(Topics.FlowOwner("lab", 0), Json(new FlowOwnerMessage { Flow = 0, Node = fleet.Nodes[0].Id, Epoch = 1 }), atLeastOnce: true, retain: true);

            // Kept open until delivered: a send completes when written, and closing with the PUBACKs unread may reset the connection.
            await Eventually.TrueAsync(() => fleet.Running == 1 && fleet.Nodes.All(n => n.HasGateway), () => fleet.Running + " running; " + fleet.Lacking());
        }

        Assert.Equal("0 without a primary gateway's state, 1 without their owner", fleet.Lacking());
    }

    [Fact]
    [Trait("Category", "Integration")]
    public async Task A_node_asked_to_resend_sends_its_unconfirmed_batches_again_from_where_the_gateway_asks()
    {
        using var broker = await MosquittoBroker.StartAsync();
        await using var fleet = new LoadFleet(new LoadSettings { Window = 4 }, nodes: 1, withFlows: true);
        LoadNode node = fleet.Nodes[0];
        var firsts = new System.Collections.Concurrent.ConcurrentQueue<long>();
        await using LightClient gateway = await LightClient.ConnectAsync("127.0.0.1", broker.Port, LightClient.Connect("gw", 15), (topic, payload) =>
        {
            var batch = new DataBatch(64);
            byte[] bytes = payload.ToArray();
            if (topic.EndsWith("/" + Topics.Data, StringComparison.Ordinal) && DataBatchCodec.Decode(bytes, 0, bytes.Length, batch) == ProtocolError.None)
            {
                firsts.Enqueue(batch.FirstSequence);
            }
        }, CancellationToken.None);
        await gateway.SubscribeAsync([Topics.Node("lab", "+", Topics.Data)], CancellationToken.None);
        Assert.Equal(0, await fleet.ConnectAsync("127.0.0.1", broker.Port, concurrency: 1, TimeSpan.FromSeconds(30)));
        await gateway.PublishAsync(Topics.GatewayState("lab", "gw"), Json(new GatewayStateMessage { Gateway = "gw", Online = true, Primary = true }), atLeastOnce: true, retain: true);
        await gateway.PublishAsync(Topics.FlowOwner("lab", 0), Json(new FlowOwnerMessage { Flow = 0, Node = node.Id, Epoch = 1 }), atLeastOnce: true, retain: true);
        await Eventually.TrueAsync(() => fleet.Running == 1, fleet.Lacking);

        // Nothing is acknowledged: the window fills with four batches and stops.
        fleet.Saturate();
        int batch = new LoadSettings().BatchSamples;
        await Eventually.TrueAsync(() => firsts.Count == 4, () => firsts.Count + " batches");

        await gateway.PublishAsync(Topics.Node("lab", node.Id, Topics.Command),
            Json(new CommandMessage { Command = CommandMessage.Resend, Id = 1, Flow = 0, From = 2 * batch }), atLeastOnce: true, retain: false);

        await Eventually.TrueAsync(() => firsts.Count == 6, () => firsts.Count + " batches");
        Assert.Equal(new long[] { 0, batch, 2 * batch, 3 * batch, 2 * batch, 3 * batch }, firsts.ToArray());
        Assert.Equal(2, node.BatchesResent);
        Assert.Equal(4, node.BatchesSent);
    }

    private static ArraySegment<byte> Json(JsonMessage message)
    {
        var writer = new JsonWriter(256);
        JsonCodec.Encode(message, writer);
        return writer.ToArray();
    }

    [Fact]
    [Trait("Category", "Integration")]
    public async Task Every_node_heartbeats_once_born_and_a_node_not_yet_connected_does_not()
    {
        using var broker = await MosquittoBroker.StartAsync();
        var beats = new System.Collections.Concurrent.ConcurrentDictionary<string, int>();
        await using LightClient watcher = await LightClient.ConnectAsync("127.0.0.1", broker.Port, LightClient.Connect("watcher", 15),
            (topic, _) => beats.AddOrUpdate(topic, 1, (_, n) => n + 1), CancellationToken.None);
        await watcher.SubscribeAsync([Topics.Node("lab", "+", Topics.Telemetry)], CancellationToken.None);
        await using var fleet = new LoadFleet(new LoadSettings(), nodes: 3, withFlows: false);
        Assert.All(fleet.Nodes, n => Assert.False(n.Beating));

        Assert.Equal(0, await fleet.ConnectAsync("127.0.0.1", broker.Port, concurrency: 3, TimeSpan.FromSeconds(30)));

        Assert.All(fleet.Nodes, n => Assert.True(n.Beating));
        await Eventually.TrueAsync(() => fleet.Nodes.All(n => beats.GetValueOrDefault(Topics.Node("lab", n.Id, Topics.Telemetry)) >= 2),
            () => string.Join(", ", beats.Select(p => p.Key + " " + p.Value)));
    }

    [Fact]
    [Trait("Category", "Unit")]
    public void Pinned_flows_give_flow_i_to_node_i_alone()
    {
        Assert.Equal("0:1:n00000,1:1:n00001,2:1:n00002", LoadFleet.PinnedFlows(3));
    }

    [Fact]
    [Trait("Category", "Unit")]
    public void Node_ids_sort_in_creation_order()
    {
        string[] ids = [.. Enumerable.Range(0, 12_000).Select(LoadFleet.NodeId)];
        Assert.Equal(ids, ids.Order(StringComparer.Ordinal));
    }
}
