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

    private static ArraySegment<byte> Json(JsonMessage message)
    {
        var writer = new JsonWriter(256);
        JsonCodec.Encode(message, writer);
        return writer.ToArray();
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
