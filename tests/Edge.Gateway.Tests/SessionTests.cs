using System.Text;
using Edge.Gateway.Tests.Fixtures;

namespace Edge.Gateway.Tests;

[Trait("Category", "Integration")]
public sealed class SessionTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    [Fact]
    public async Task A_late_will_from_an_old_session_leaves_the_reconnected_node_online_and_its_data_flowing()
    {
        await using InProcessGateway gateway = await InProcessGateway.StartAsync(_dir.File("gw.db"), "site1", "1");
        await using (var first = new TestNode("site1", "pi-01", gateway.MqttPort))
        {
            await first.ConnectAsync(session: 1);
        }

        await using var node = new TestNode("site1", "pi-01", gateway.MqttPort);
        await node.ConnectAsync(session: 2);
        await Eventually.TrueAsync(async () => (await gateway.Client.GetAsync("/api/nodes")).Contains("\"session\":2,\"online\":true", StringComparison.Ordinal), () => "session 2 online");

        // The broker may deliver the first connection's Will after the new birth: it must not kill session 2.
        await node.PublishRawAsync("edge/v1/site1/node/pi-01/state", Encoding.UTF8.GetBytes("{\"online\":false,\"session\":1,\"timestamp\":1}"));
        await Eventually.TrueAsync(async () => (await gateway.Client.GetAsync("/api/events")).Contains("\"kind\":\"stale_death\"", StringComparison.Ordinal), () => "stale death noted");
        Assert.Contains("\"session\":2,\"online\":true", await gateway.Client.GetAsync("/api/nodes"), StringComparison.Ordinal);

        await node.SendBatchAsync(1, 0, [1, 2, 3]);
        await Eventually.TrueAsync(() => node.AckedUpTo(1) == 3, "data of session 2 acked");

        await node.PublishRawAsync("edge/v1/site1/node/pi-01/state", Encoding.UTF8.GetBytes("{\"online\":false,\"session\":2,\"timestamp\":2}"));
        await Eventually.TrueAsync(async () => (await gateway.Client.GetAsync("/api/nodes")).Contains("\"session\":2,\"online\":false", StringComparison.Ordinal), () => "the current session's death counts");
        await node.SendBatchAsync(1, 3, [4]);
        await Eventually.TrueAsync(async () => await gateway.Client.RejectedAsync("no_session") == 1, () => "data from a dead session is rejected");
    }

    public void Dispose() => _dir.Dispose();
}
