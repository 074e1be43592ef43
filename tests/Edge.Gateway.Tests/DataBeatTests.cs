using System.Text.Json;
using Edge.Gateway.Tests.Fixtures;

namespace Edge.Gateway.Tests;

/// <summary>A gateway counts data batches as heartbeats and says so in its retained state.</summary>
[Trait("Category", "Integration")]
public sealed class DataBeatTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    [Fact]
    public async Task A_node_that_sends_only_data_stays_live_and_the_gateway_state_announces_data_beats()
    {
        await using InProcessGateway gateway = await InProcessGateway.StartAsync(_dir.File("gw.db"), "lab", "1");
        await using var node = new TestNode("lab", "pi-01", gateway.MqttPort);
        await node.ConnectAsync(1);
        await Eventually.TrueAsync(async () => (await gateway.Client.GetAsync("/api/nodes")).Contains("pi-01", StringComparison.Ordinal), () => "pi-01 born");

        // No telemetry at all for six seconds, only data: far past the 1 s heartbeat the node announced.
        for (int i = 0; i < 30; i++)
        {
            await node.SendBatchAsync(1, i * 4L, [1, 2, 3, 4]);
            await Task.Delay(200);
        }

        using JsonDocument fleet = JsonDocument.Parse(await gateway.Client.GetAsync("/api/fleet"));
        Assert.Equal(0, fleet.RootElement.GetProperty("failovers").GetInt64());
        Assert.Equal("online", fleet.RootElement.GetProperty("nodes").EnumerateArray().Single().GetProperty("state").GetString());
        Assert.True(node.GatewayStates.Any(s => s.Contains("\"dataBeats\":true", StringComparison.Ordinal)), string.Join("\n", node.GatewayStates));
    }

    public void Dispose() => _dir.Dispose();
}
