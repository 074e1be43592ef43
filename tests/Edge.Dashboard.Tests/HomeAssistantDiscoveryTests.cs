using System.Globalization;
using System.Text.Json;
using Edge.Dashboard.Tests.Fixtures;

namespace Edge.Dashboard.Tests;

/// <summary>What a Home Assistant connecting to the demo's broker would find: retained discovery configs that read back as it reads them.</summary>
[Trait("Category", "Integration")]
[Collection(DemoCollection.Name)]
public sealed class HomeAssistantDiscoveryTests(DemoGateway demo)
{
    [Fact]
    public async Task A_subscriber_to_the_discovery_prefix_gets_retained_configs_for_every_live_node_and_the_fleet()
    {
        // A node's configs follow its birth, so right after the demo is ready they may still be on their way.
        string[] expected =
        [
            "homeassistant/sensor/edge_lab_sim-001/rate/config",
            .. new[] { "sim-001", "sim-003", "sim-004" }.Select(node => $"homeassistant/binary_sensor/edge_lab_{node}/online/config"),
        ];
        Dictionary<string, JsonElement> configs = [];
        await demo.WaitForAsync(async () => expected.All((configs = await RetainedConfigsAsync()).ContainsKey), "retained discovery configs of every live node", TimeSpan.FromSeconds(30));

        JsonElement rate = configs["homeassistant/sensor/edge_lab_sim-001/rate/config"];
        Assert.Equal("edge/v1/lab/node/sim-001/telemetry", rate.GetProperty("state_topic").GetString());
        Assert.Equal("edge/v1/lab/node/sim-001/state", rate.GetProperty("availability")[0].GetProperty("topic").GetString());
        Assert.Contains(configs.Keys, k => k.EndsWith("/throughput/config", StringComparison.Ordinal));
        Assert.All(expected, topic => Assert.Contains(topic, configs.Keys));
    }

    /// <summary>
    /// mosquitto_sub, a client nobody here wrote. --retained-only stops at the first message that is not retained
    /// (a config published while it listens); exit 27 is its -W timeout, the normal end of a retained read.
    /// </summary>
    private async Task<Dictionary<string, JsonElement>> RetainedConfigsAsync()
    {
        (int exit, string output) = await Tool.RunAsync("mosquitto_sub",
            ["-h", "127.0.0.1", "-p", demo.MqttPort.ToString(CultureInfo.InvariantCulture), "-i", "ha-discovery-test", "-v",
             "-t", "homeassistant/#", "--retained-only", "-W", "3"], TimeSpan.FromSeconds(30));
        Assert.True(exit is 0 or 27, output);
        return output.Split('\n')
            .Where(l => l.StartsWith("homeassistant/", StringComparison.Ordinal))
            .Select(l => l.Split(' ', 2))
            .ToDictionary(p => p[0], p => JsonDocument.Parse(p[1]).RootElement, StringComparer.Ordinal);
    }

    /// <summary>
    /// homeassistant/replay_discovery.py records what the demo published, replays it into a fresh Mosquitto and
    /// reads it back the way Home Assistant's MQTT integration does (topics, retained configs, availability and
    /// state templates rendered with Jinja2).
    /// </summary>
    [Fact]
    public async Task The_discovery_replayed_through_mosquitto_reads_back_as_home_assistant_would_see_it()
    {
        await using MosquittoProcess target = await MosquittoProcess.StartAsync();
        string python = await DebianPython.FindAsync("paho.mqtt.client", "jinja2");

        (int exit, string output) = await Tool.RunAsync(python,
            [Repo.Path("tests", "Edge.Dashboard.Tests", "homeassistant", "replay_discovery.py"),
             "--source-port", demo.MqttPort.ToString(CultureInfo.InvariantCulture), "--target-port", target.Port.ToString(CultureInfo.InvariantCulture)],
            TimeSpan.FromSeconds(90));

        Assert.True(exit == 0, output);
        using JsonDocument report = JsonDocument.Parse(output.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1]);
        string[] problems = [.. report.RootElement.GetProperty("problems").EnumerateArray().Select(p => p.GetString()!)];
        Assert.True(problems.Length == 0, string.Join("\n", problems));
        JsonElement entities = report.RootElement.GetProperty("entities");
        Assert.Equal(report.RootElement.GetProperty("configs").GetInt32(), entities.EnumerateObject().Count());
        JsonElement rate = entities.GetProperty("edge_lab_sim-001_rate");
        Assert.True(rate.GetProperty("available").GetBoolean());
        Assert.True(double.TryParse(rate.GetProperty("state").GetString(), CultureInfo.InvariantCulture, out _), rate.GetRawText() + output);
        Assert.Equal("ON", entities.GetProperty("edge_lab_sim-001_online").GetProperty("state").GetString());
        Assert.Contains(entities.EnumerateObject(), e => e.Name.EndsWith("_throughput", StringComparison.Ordinal) && e.Value.GetProperty("available").GetBoolean());
    }
}
