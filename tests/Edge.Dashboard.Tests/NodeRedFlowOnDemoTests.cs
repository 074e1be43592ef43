using System.Globalization;
using System.Text.Json;
using Edge.Dashboard.Tests.Fixtures;

namespace Edge.Dashboard.Tests;

/// <summary>
/// The Node-RED flow's function nodes run on real messages from the demo broker, the way Node-RED would call
/// them (msg, node.status, flow context), so the example shows numbers rather than errors.
/// </summary>
[Trait("Category", "Integration")]
[Collection(DemoCollection.Name)]
public sealed class NodeRedFlowOnDemoTests(DemoGateway demo)
{
    private const string Harness = """
        const fs = require('fs');
        const store = new Map();
        const flow = { get: (k) => store.get(k), set: (k, v) => store.set(k, v) };
        for (const c of JSON.parse(fs.readFileSync(process.argv[1], 'utf8'))) {
          let status = null;
          const node = { status: (s) => { status = s; }, warn: () => {}, error: (e) => { throw new Error(String(e)); } };
          const out = new Function('msg', 'node', 'context', 'flow', 'global', 'env', c.func)({ topic: c.topic, payload: JSON.parse(c.payload) }, node, {}, flow, {}, {});
          if (!out || out.payload === undefined) throw new Error(`${c.name}: no message out`);
          if (!status || !status.text || /undefined|NaN/.test(status.text)) throw new Error(`${c.name}: status ${JSON.stringify(status)}`);
          console.log(`${c.name} | ${status.text}`);
        }
        """;

    [Fact]
    public async Task Every_function_node_shows_a_status_without_undefined_or_nan_on_the_demos_real_messages()
    {
        JsonElement[] flow = JsonDocument.Parse(await File.ReadAllTextAsync(Repo.Path("docs", "dashboards", "node-red-flow.json"))).RootElement.EnumerateArray().ToArray();
        Dictionary<string, JsonElement> byId = flow.ToDictionary(n => n.GetProperty("id").GetString()!, StringComparer.Ordinal);
        var cases = new List<object>();
        foreach (JsonElement input in flow.Where(n => n.GetProperty("type").GetString() == "mqtt in"))
        {
            JsonElement json = byId[input.GetProperty("wires")[0][0].GetString()!];
            JsonElement function = byId[json.GetProperty("wires")[0][0].GetString()!];
            string topic = input.GetProperty("topic").GetString()!;
            (string actualTopic, string payload) = await OneMessageAsync(topic);
            cases.Add(new { name = function.GetProperty("name").GetString(), func = function.GetProperty("func").GetString(), topic = actualTopic, payload });
        }

        string file = Path.Combine(Path.GetTempPath(), $"edge-node-red-cases-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, JsonSerializer.Serialize(cases));
        try
        {
            (int exit, string output) = await Tool.RunAsync("node", ["-e", Harness, file], TimeSpan.FromSeconds(30));

            Assert.True(exit == 0, output);
            Assert.Equal(cases.Count, output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Count(l => l.Contains(" | ", StringComparison.Ordinal)));
            Assert.Contains("samples/s", output, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>The first message on a subscription: a retained one at once, telemetry within a heartbeat.</summary>
    private async Task<(string Topic, string Payload)> OneMessageAsync(string topic)
    {
        (int exit, string output) = await Tool.RunAsync("mosquitto_sub",
            ["-h", "127.0.0.1", "-p", demo.MqttPort.ToString(CultureInfo.InvariantCulture), "-i", "node-red-check", "-v", "-t", topic, "-C", "1", "-W", "15"],
            TimeSpan.FromSeconds(30));
        string line = output.Split('\n').FirstOrDefault(l => l.StartsWith("edge/", StringComparison.Ordinal)) ?? "";
        Assert.True(exit == 0 && line.Length > 0, $"no message on {topic}: {output}");
        string[] parts = line.Split(' ', 2);
        return (parts[0], parts[1]);
    }
}
