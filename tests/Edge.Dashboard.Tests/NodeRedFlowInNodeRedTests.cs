using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Edge.Dashboard.Tests.Fixtures;

namespace Edge.Dashboard.Tests;

/// <summary>
/// docs/dashboards/node-red-flow.json deployed into a real Node-RED through its admin API, pointed at the demo's
/// broker as step 2 of the dashboards README says (only the broker port changes). What the test reads is what
/// the editor shows: the nodes' status badges and the debug sidebar.
/// </summary>
[Trait("Category", "Integration")]
[Collection(DemoCollection.Name)]
public sealed class NodeRedFlowInNodeRedTests(DemoGateway demo)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(45);

    [Fact]
    public async Task The_flow_deploys_its_mqtt_nodes_connect_and_every_debug_node_shows_the_demos_messages_without_errors()
    {
        JsonArray flow = JsonNode.Parse(await File.ReadAllTextAsync(Repo.Path("docs", "dashboards", "node-red-flow.json")))!.AsArray();
        flow.Single(n => Type(n) == "mqtt-broker")!["port"] = demo.MqttPort.ToString(CultureInfo.InvariantCulture);
        string[] mqttNodes = Ids(flow, "mqtt in", "mqtt out");
        string[] functions = Ids(flow, "function");
        string[] debugs = Ids(flow, "debug");
        await using NodeRedProcess nodeRed = await NodeRedProcess.StartAsync();

        await nodeRed.DeployAsync(flow.ToJsonString());

        await nodeRed.WaitForAsync(() => mqttNodes.All(id => LastStatus(nodeRed, id) == "node-red:common.status.connected"),
            () => "every mqtt node connected: " + string.Join(", ", mqttNodes.Select(id => $"{id}={LastStatus(nodeRed, id)}")), Patience);
        await nodeRed.WaitForAsync(() => debugs.All(id => Debug(nodeRed, id).Any()) && functions.All(id => LastStatus(nodeRed, id) is { Length: > 0 }),
            () => "a message in every debug node and a status on every function node; missing: "
                + string.Join(", ", debugs.Where(id => !Debug(nodeRed, id).Any()).Concat(functions.Where(id => LastStatus(nodeRed, id) is null))), Patience);

        Assert.All(functions, id => Assert.DoesNotMatch("undefined|NaN", LastStatus(nodeRed, id)!));
        Assert.Empty(nodeRed.Messages.Where(m => m.Topic == "debug" && m.Data.TryGetProperty("level", out _)).Select(m => m.Data.GetRawText()));
        Assert.DoesNotContain("[error]", nodeRed.Log, StringComparison.Ordinal);
        Assert.DoesNotContain("[warn] [", nodeRed.Log, StringComparison.Ordinal);
        using JsonDocument deployed = JsonDocument.Parse(await nodeRed.Http.GetStringAsync(new Uri(nodeRed.Url, "flows")));
        Assert.Equal(flow.Select(n => n!["id"]!.GetValue<string>()).Order(StringComparer.Ordinal), deployed.RootElement.EnumerateArray().Select(n => n.GetProperty("id").GetString()!).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task The_fleet_debug_node_shows_the_demos_retained_10_s_rollup_and_the_inject_node_reaches_the_board()
    {
        JsonArray flow = JsonNode.Parse(await File.ReadAllTextAsync(Repo.Path("docs", "dashboards", "node-red-flow.json")))!.AsArray();
        flow.Single(n => Type(n) == "mqtt-broker")!["port"] = demo.MqttPort.ToString(CultureInfo.InvariantCulture);
        string fleetIn = flow.Single(n => Type(n) == "mqtt in" && n!["topic"]!.GetValue<string>() == "edge/v1/lab/rollup/10s/fleet")!["id"]!.GetValue<string>();
        string fleetDebug = Next(flow, Next(flow, Next(flow, fleetIn))); // mqtt in → json → function → debug
        Assert.Equal("debug", Type(flow.Single(n => n!["id"]!.GetValue<string>() == fleetDebug)));
        await using NodeRedProcess nodeRed = await NodeRedProcess.StartAsync();
        await nodeRed.DeployAsync(flow.ToJsonString());

        // The rollup changes every 10 s, so compare Node-RED's latest with the broker's retained one until they meet.
        await nodeRed.WaitForAsync(async () => Debug(nodeRed, fleetDebug).Select(d => (JsonElement?)d).LastOrDefault() is { } shown && Same(shown, await RetainedFleetRollupAsync()),
            () => "the fleet debug node showing the broker's retained 10 s rollup: " + string.Join(" | ", Debug(nodeRed, fleetDebug).Select(d => d.GetRawText())), Patience);

        string inject = Ids(flow, "inject").Single();
        Task<(int ExitCode, string Output)> command = Tool.RunAsync("mosquitto_sub",
            ["-h", "127.0.0.1", "-p", demo.MqttPort.ToString(CultureInfo.InvariantCulture), "-t", "edge/v1/lab/node/sim-001/cmd", "-C", "1", "-W", "40"], Patience);
        await nodeRed.WaitForAsync(async () =>
        {
            // mosquitto_sub says nothing when its subscription is in place, so press the button until it hears one.
            await nodeRed.InjectAsync(inject);
            return await Task.WhenAny(command, Task.Delay(500)) == command;
        }, () => "the inject node's command on the broker", Patience);
        (int exit, string output) = await command;

        Assert.True(exit == 0, output);
        using JsonDocument sent = JsonDocument.Parse(output);
        Assert.Equal("rebirth", sent.RootElement.GetProperty("cmd").GetString());
    }

    private static string? Type(JsonNode? node) => node?["type"]?.GetValue<string>();

    /// <summary>The node a node's first output is wired to.</summary>
    private static string Next(JsonArray flow, string id) =>
        flow.Single(n => n!["id"]!.GetValue<string>() == id)!["wires"]![0]![0]!.GetValue<string>();

    private static string[] Ids(JsonArray flow, params string[] types) =>
        [.. flow.Where(n => types.Contains(Type(n))).Select(n => n!["id"]!.GetValue<string>())];

    private static string? LastStatus(NodeRedProcess nodeRed, string id) =>
        nodeRed.Messages.Where(m => m.Topic == "status/" + id).Select(m => m.Data.TryGetProperty("text", out JsonElement t) ? t.GetString() : null).LastOrDefault();

    /// <summary>The debug sidebar's entries of one debug node: its msg is the payload as JSON text.</summary>
    private static IEnumerable<JsonElement> Debug(NodeRedProcess nodeRed, string id) =>
        nodeRed.Messages.Where(m => m.Topic == "debug" && m.Data.TryGetProperty("id", out JsonElement i) && i.GetString() == id)
            .Select(m => JsonDocument.Parse(m.Data.GetProperty("msg").GetString()!).RootElement);

    /// <summary>The function node turns {count, mean, p99, ...} into {rate: count / 10, mean, p99, ...}.</summary>
    private static bool Same(JsonElement shown, JsonElement? rollup) =>
        rollup is { } r
        && shown.GetProperty("rate").GetDouble() == r.GetProperty("count").GetInt64() / 10.0
        && shown.GetProperty("mean").GetDouble() == r.GetProperty("mean").GetDouble()
        && shown.GetProperty("p99").GetDouble() == r.GetProperty("p99").GetDouble();

    private async Task<JsonElement?> RetainedFleetRollupAsync()
    {
        (int exit, string output) = await Tool.RunAsync("mosquitto_sub",
            ["-h", "127.0.0.1", "-p", demo.MqttPort.ToString(CultureInfo.InvariantCulture), "-t", "edge/v1/lab/rollup/10s/fleet", "-C", "1", "-W", "10"], Patience);
        return exit == 0 ? JsonDocument.Parse(output).RootElement : null;
    }
}
