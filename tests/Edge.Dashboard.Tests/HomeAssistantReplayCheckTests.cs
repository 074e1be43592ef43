using System.Globalization;
using System.Text.Json;
using Edge.Dashboard.Tests.Fixtures;

namespace Edge.Dashboard.Tests;

/// <summary>homeassistant/replay_discovery.py finds each kind of fault it checks for, planted on a broker of its own.</summary>
[Trait("Category", "Integration")]
public sealed class HomeAssistantReplayCheckTests
{
    [Fact]
    public async Task The_replay_check_reports_a_planted_fault_of_each_kind()
    {
        await using MosquittoProcess source = await MosquittoProcess.StartAsync();
        await using MosquittoProcess target = await MosquittoProcess.StartAsync();
        (string Topic, string Payload)[] planted =
        [
            ("edge/v1/lab/node/planted/state", """{"online":false,"word":"abc"}"""),
            ("edge/v1/lab/gateway/planted/state", """{"online":true}"""),
            ("homeassistant/sensor/edge_planted/number/config",
                """{"name":"n","unique_id":"twice","state_topic":"edge/v1/lab/node/planted/state","value_template":"{{ value_json.word }}","unit_of_measurement":"x","device":{"identifiers":["edge_planted"],"via_device":"nowhere"},"availability":[{"topic":"edge/v1/lab/gateway/planted/state","value_template":"{{ 'yes' }}"}]}"""),
            ("homeassistant/binary_sensor/edge_planted/flag/config",
                """{"name":"b","unique_id":"twice","state_topic":"edge/v1/lab/node/planted/state","value_template":"{{ 'maybe' }}","expire_after":"60","device":{"identifiers":["edge_planted"]}}"""),
            ("homeassistant/light/edge_planted/lamp/config", """{"name":"l","unique_id":"lamp","state_topic":"edge/v1/lab/node/planted/state","device":{"identifiers":["edge_planted"]}}"""),
        ];
        foreach ((string topic, string payload) in planted)
        {
            (int code, string pubOutput) = await Tool.RunAsync("mosquitto_pub",
                ["-h", "127.0.0.1", "-p", source.Port.ToString(CultureInfo.InvariantCulture), "-r", "-q", "1", "-t", topic, "-m", payload], TimeSpan.FromSeconds(20));
            Assert.True(code == 0, pubOutput);
        }

        (int exit, string output) = await Tool.RunAsync(await DebianPython.FindAsync("paho.mqtt.client", "jinja2"),
            [Repo.Path("tests", "Edge.Dashboard.Tests", "homeassistant", "replay_discovery.py"),
             "--source-port", source.Port.ToString(CultureInfo.InvariantCulture), "--target-port", target.Port.ToString(CultureInfo.InvariantCulture)],
            TimeSpan.FromSeconds(90));

        Assert.True(exit == 0, output);
        using JsonDocument report = JsonDocument.Parse(output.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1]);
        string problems = string.Join("\n", report.RootElement.GetProperty("problems").EnumerateArray().Select(p => p.GetString()));
        string[] expected =
        [
            "light/edge_planted/lamp/config: not a discovery topic for a sensor or binary_sensor",
            "unique_id 'twice' missing or used twice",
            "via_device nowhere is no discovered device",
            "availability renders 'yes', neither 'online' nor 'offline'",
            "numeric sensor renders 'abc'",
            "state renders 'maybe', neither payload_on nor payload_off",
            "expire_after '60'",
        ];
        Assert.All(expected, e => Assert.Contains(e, problems, StringComparison.Ordinal));
    }
}
