using Edge.Bench.Harness;
using Edge.Bench.Load;

namespace Edge.Bench.Tests.Load;

/// <summary>Boards of `bench fleet` against a real Mosquitto that ends their connection (another client takes the id over).</summary>
[Trait("Category", "Integration")]
public sealed class ReconnectTests
{
    [Fact]
    public async Task A_board_whose_connection_the_broker_ends_connects_again()
    {
        using var broker = await MosquittoBroker.StartAsync();
        await using var fleet = new LoadFleet(new LoadSettings { Reconnect = true }, nodes: 1, withFlows: false);
        Assert.Equal(0, await fleet.ConnectAsync("127.0.0.1", broker.Port, concurrency: 1, TimeSpan.FromSeconds(30)));
        LightClient first = fleet.Nodes[0].Client!;

        await TakeOverAsync(broker.Port, fleet.Nodes[0].Id);

        await Eventually.TrueAsync(() => fleet.Reconnects >= 1 && fleet.Connected == 1, () => "the board reconnected: " + fleet.Reconnects);
        Assert.Equal(1, fleet.ConnectionsLost);
        Assert.NotSame(first, fleet.Nodes[0].Client);
        Assert.Equal(2, fleet.Nodes[0].Session);
    }

    [Fact]
    public async Task Without_reconnecting_a_lost_connection_stays_lost_and_is_counted()
    {
        using var broker = await MosquittoBroker.StartAsync();
        await using var fleet = new LoadFleet(new LoadSettings(), nodes: 1, withFlows: false);
        Assert.Equal(0, await fleet.ConnectAsync("127.0.0.1", broker.Port, concurrency: 1, TimeSpan.FromSeconds(30)));

        await TakeOverAsync(broker.Port, fleet.Nodes[0].Id);

        await Eventually.TrueAsync(() => fleet.Failed == 1, "the lost connection is seen");
        Assert.Equal(0, fleet.Reconnects);
        Assert.Equal(1, fleet.Nodes[0].Session);
    }

    /// <summary>MQTT 3.1.1 section 3.1.4: the broker closes the existing connection of a client id that connects again.</summary>
    private static async Task TakeOverAsync(int port, string clientId)
    {
        await using LightClient intruder = await LightClient.ConnectAsync("127.0.0.1", port, LightClient.Connect(clientId, 15), (_, _) => { }, CancellationToken.None);
    }
}
