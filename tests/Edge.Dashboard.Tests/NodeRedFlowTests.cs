using System.Text.Json;
using System.Text.RegularExpressions;
using Edge.Dashboard.Tests.Fixtures;

namespace Edge.Dashboard.Tests;

/// <summary>docs/dashboards/node-red-flow.json: imports into a plain Node-RED and subscribes to real topics.</summary>
public sealed partial class NodeRedFlowTests
{
    /// <summary>Node-RED's core nodes the flow may use; anything else would need a palette install.</summary>
    private static readonly string[] CoreTypes = ["tab", "comment", "mqtt-broker", "mqtt in", "mqtt out", "json", "function", "debug", "inject"];

    private static readonly JsonElement[] Flow =
        JsonDocument.Parse(File.ReadAllText(Repo.Path("docs", "dashboards", "node-red-flow.json"))).RootElement.EnumerateArray().ToArray();

    private static string Str(JsonElement node, string key) => node.GetProperty(key).GetString()!;

    private static IEnumerable<JsonElement> OfType(string type) => Flow.Where(n => Str(n, "type") == type);

    [Fact]
    [Trait("Category", "Unit")]
    public void The_flow_uses_core_nodes_only_and_every_wire_and_broker_reference_resolves()
    {
        var ids = Flow.Select(n => Str(n, "id")).ToHashSet(StringComparer.Ordinal);
        string tab = Str(OfType("tab").Single(), "id");
        string broker = Str(OfType("mqtt-broker").Single(), "id");

        Assert.Equal(Flow.Length, ids.Count);
        Assert.All(Flow, n => Assert.Contains(Str(n, "type"), CoreTypes));
        foreach (JsonElement n in Flow.Where(n => n.TryGetProperty("wires", out _)))
        {
            Assert.Equal(tab, Str(n, "z"));
            Assert.All(n.GetProperty("wires").EnumerateArray().SelectMany(w => w.EnumerateArray()), w => Assert.Contains(w.GetString()!, ids));
        }

        Assert.All(OfType("mqtt in").Concat(OfType("mqtt out")), n => Assert.Equal(broker, Str(n, "broker")));
    }

    [Fact]
    [Trait("Category", "Unit")]
    public void Every_subscription_is_a_topic_of_the_protocol_tree_and_the_fleet_rollup_is_one_of_them()
    {
        string[] topics = OfType("mqtt in").Select(n => Str(n, "topic")).ToArray();

        Assert.All(topics, t => Assert.Matches(ProtocolTopic(), t));
        Assert.Contains("edge/v1/lab/rollup/10s/fleet", topics);
        Assert.All(OfType("mqtt in"), n => Assert.Single(n.GetProperty("wires")[0].EnumerateArray(), w => OfType("json").Any(j => Str(j, "id") == w.GetString())));
    }

    [Fact]
    [Trait("Category", "Unit")]
    public void The_command_example_publishes_a_protocol_command_at_qos_1_and_never_retained()
    {
        JsonElement inject = OfType("inject").Single();
        JsonElement publish = OfType("mqtt out").Single();
        using JsonDocument command = JsonDocument.Parse(Str(inject, "payload"));

        Assert.Matches("^edge/v1/lab/node/[A-Za-z0-9_.-]+/cmd$", Str(inject, "topic"));
        Assert.Equal("rebirth", command.RootElement.GetProperty("cmd").GetString());
        Assert.True(command.RootElement.GetProperty("id").GetInt64() >= 0);
        Assert.Equal("1", Str(publish, "qos"));
        Assert.Equal("false", Str(publish, "retain"));
    }

    [Fact]
    [Trait("Category", "Integration")]
    public async Task Every_function_node_is_valid_javascript_for_node_red()
    {
        string bodies = Path.Combine(Path.GetTempPath(), $"edge-node-red-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(bodies, JsonSerializer.Serialize(OfType("function").Select(n => Str(n, "func")).ToArray()));
        const string check = "const fs=require('fs');for(const f of JSON.parse(fs.readFileSync(process.argv[1],'utf8'))){new Function('msg','node','context','flow','global','env',f);}console.log('ok');";
        try
        {
            (int exit, string output) = await Tool.RunAsync("node", ["-e", check, bodies], TimeSpan.FromSeconds(30));

            Assert.True(exit == 0, output);
            Assert.Contains("ok", output, StringComparison.Ordinal);
            Assert.NotEmpty(OfType("function"));
        }
        finally
        {
            File.Delete(bodies);
        }
    }

    [GeneratedRegex(@"^edge/v1/[A-Za-z0-9_.-]+/(rollup/(1s|10s|1m)/(fleet|flow/(\+|\d+))|node/(\+|[A-Za-z0-9_.-]+)/(birth|state|telemetry|config|cmd)|flow/(\+|\d+)/owner|gateway/(\+|[A-Za-z0-9_.-]+)/state)$")]
    private static partial Regex ProtocolTopic();
}
