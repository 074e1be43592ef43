using System.Globalization;
using System.Text.Json;
using Edge.Dashboard.Tests.Fixtures;

namespace Edge.Dashboard.Tests;

/// <summary>What a Home Assistant connecting to the demo's broker would find: retained discovery configs.</summary>
[Trait("Category", "Integration")]
[Collection(DemoCollection.Name)]
public sealed class HomeAssistantDiscoveryTests(DemoGateway demo)
{
    [Fact]
    public async Task A_subscriber_to_the_discovery_prefix_gets_retained_configs_for_every_live_node_and_the_fleet()
    {
        // mosquitto_sub: a client nobody here wrote. Exit 27 is its -W timeout, the normal end of a retained read.
        (int exit, string output) = await Tool.RunAsync("mosquitto_sub",
            ["-h", "127.0.0.1", "-p", demo.MqttPort.ToString(CultureInfo.InvariantCulture), "-i", "ha-discovery-test", "-v",
             "-t", "homeassistant/#", "--retained-only", "-W", "3"], TimeSpan.FromSeconds(30));

        Assert.True(exit is 0 or 27, output);
        Dictionary<string, JsonElement> configs = output.Split('\n')
            .Where(l => l.StartsWith("homeassistant/", StringComparison.Ordinal))
            .Select(l => l.Split(' ', 2))
            .ToDictionary(p => p[0], p => JsonDocument.Parse(p[1]).RootElement, StringComparer.Ordinal);
        JsonElement rate = configs["homeassistant/sensor/edge_lab_sim-001/rate/config"];
        Assert.Equal("edge/v1/lab/node/sim-001/telemetry", rate.GetProperty("state_topic").GetString());
        Assert.Equal("edge/v1/lab/node/sim-001/state", rate.GetProperty("availability")[0].GetProperty("topic").GetString());
        Assert.Contains(configs.Keys, k => k.EndsWith("/throughput/config", StringComparison.Ordinal));
        Assert.All(new[] { "sim-001", "sim-003", "sim-004" }, node =>
            Assert.Contains($"homeassistant/binary_sensor/edge_lab_{node}/online/config", configs.Keys));
    }
}
