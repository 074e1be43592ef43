using Edge.Gateway.Tests.Fixtures;
using Edge.Gateway.Tests.Scenarios;

namespace Edge.Gateway.Tests;

/// <summary>The same acceptance scenario with the gateway connected to an external Mosquitto (--broker).</summary>
[Trait("Category", "Integration")]
public sealed class MosquittoBrokerTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    [Fact]
    public async Task Through_mosquitto_duplicated_reordered_and_gapped_batches_are_counted_exactly_once()
    {
        await using MosquittoBroker broker = await MosquittoBroker.StartAsync();
        await using InProcessGateway gateway = await InProcessGateway.StartAsync(_dir.File("gw.db"), "site1", "1,2", broker.Port);
        await ExactlyOnceScenario.RunAsync(gateway, "site1", broker.Port);
    }

    [Fact]
    public async Task A_gateway_started_before_its_broker_is_not_ready_until_the_broker_comes_up_then_ingests()
    {
        int port = FreePort.Next();
        await using InProcessGateway gateway = await InProcessGateway.LaunchAsync(_dir.File("gw.db"), "site1", "1,2", port);
        Assert.False(await gateway.Client.IsReadyAsync());

        await using MosquittoBroker broker = await MosquittoBroker.StartAsync(port);
        await Eventually.TrueAsync(gateway.Client.IsReadyAsync, () => "ready once the broker is up");
        await using var node = new TestNode("site1", "pi-01", port);
        await node.ConnectAsync(session: 1);
        await Eventually.TrueAsync(async () => (await gateway.Client.GetAsync("/api/nodes")).Contains("pi-01", StringComparison.Ordinal), () => "node seen");
        await node.SendBatchAsync(2, 0, [5, 6]);
        await Eventually.TrueAsync(() => node.AckedUpTo(2) == 2, "acked");
    }

    public void Dispose() => _dir.Dispose();
}
