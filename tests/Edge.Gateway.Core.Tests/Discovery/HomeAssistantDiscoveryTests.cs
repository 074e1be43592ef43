using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Edge.Gateway.Core.Discovery;
using Edge.Protocol;

namespace Edge.Gateway.Core.Tests.Discovery;

[Trait("Category", "Unit")]
public sealed partial class HomeAssistantDiscoveryTests
{
    private const string Site = "lab";
    private const string Gateway = "gw1";

    private static IReadOnlyList<DiscoveryMessage> Node(string node = "sim-001") => HomeAssistantDiscovery.ForNode(Site, node, Gateway);

    private static IReadOnlyList<DiscoveryMessage> Fleet() => HomeAssistantDiscovery.ForFleet(Site, Gateway);

    private static IEnumerable<DiscoveryMessage> All() => Node().Concat(Fleet());

    private static JsonElement Json(DiscoveryMessage m) => JsonDocument.Parse(m.Payload).RootElement;

    private static string Component(DiscoveryMessage m) => m.Topic.Split('/')[1];

    [Fact]
    public void Every_node_and_fleet_config_validates_against_the_documented_sensor_and_binary_sensor_schema()
    {
        var problems = All().SelectMany(m => HomeAssistantSchema.Violations(Component(m), Json(m)).Select(v => $"{m.Topic}: {v}")).ToList();

        Assert.True(problems.Count == 0, string.Join("\n", problems));
        Assert.Contains(All(), m => Component(m) == "sensor");
        Assert.Contains(All(), m => Component(m) == "binary_sensor");
    }

    [Fact]
    public void The_schema_check_catches_a_planted_violation_of_each_kind()
    {
        JsonObject config = JsonNode.Parse(Node().First(m => Component(m) == "sensor").Payload)!.AsObject();
        config.Remove("state_topic");
        config["platform"] = "sensor";
        config["expire_after"] = "60";
        config["availability_topic"] = "x";
        config["state_class"] = "sometimes";
        config["payload_on"] = "ON";
        config["device"]!.AsObject().Remove("identifiers");
        config["device"]!["colour"] = "red";

        string violations = string.Join("\n", HomeAssistantSchema.Violations("sensor", JsonDocument.Parse(config.ToJsonString()).RootElement));

        string[] expected =
        [
            "required 'state_topic' missing", "undocumented key 'platform'", "'expire_after' is String", "availability and availability_topic",
            "state_class 'sometimes'", "undocumented key 'payload_on'", "device without identifiers", "undocumented device key 'colour'",
        ];
        Assert.All(expected, e => Assert.Contains(e, violations, StringComparison.Ordinal));
    }

    [Fact]
    public void Node_entities_are_available_exactly_when_the_nodes_retained_state_topic_says_online()
    {
        foreach (DiscoveryMessage m in Node().Where(m => !m.Topic.EndsWith("/online/config", StringComparison.Ordinal)))
        {
            JsonElement availability = Json(m).GetProperty("availability").EnumerateArray().Single();

            Assert.Equal("edge/v1/lab/node/sim-001/state", availability.GetProperty("topic").GetString());
            Assert.Equal("{{ 'online' if value_json.online else 'offline' }}", availability.GetProperty("value_template").GetString());
            Assert.Equal("online", availability.GetProperty("payload_available").GetString());
            Assert.Equal("offline", availability.GetProperty("payload_not_available").GetString());
        }
    }

    [Fact]
    public void The_availability_template_reads_the_member_the_birth_state_and_the_last_will_carry()
    {
        string[] members = Members(new NodeStateMessage { Online = false, Session = 3, TimestampMs = 1 });

        Assert.Contains("online", members);
        Assert.Equal(["online"], TemplateMembers(HomeAssistantDiscovery.AvailabilityTemplate));
    }

    [Fact]
    public void The_connectivity_sensors_read_the_state_topics_and_stay_available_to_show_disconnected()
    {
        JsonElement node = Json(Node().Single(m => m.Topic == "homeassistant/binary_sensor/edge_lab_sim-001/online/config"));
        JsonElement gateway = Json(Fleet().Single(m => m.Topic.EndsWith("/gateway_online/config", StringComparison.Ordinal)));

        Assert.Equal("edge/v1/lab/node/sim-001/state", node.GetProperty("state_topic").GetString());
        Assert.Equal("connectivity", node.GetProperty("device_class").GetString());
        Assert.False(node.TryGetProperty("availability", out _));
        Assert.Equal("edge/v1/lab/gateway/gw1/state", gateway.GetProperty("state_topic").GetString());
        Assert.Equal("connectivity", gateway.GetProperty("device_class").GetString());
    }

    [Fact]
    public void Every_template_reads_only_members_the_protocol_message_on_its_state_topic_has()
    {
        var byLeaf = new Dictionary<string, string[]>(StringComparer.Ordinal)
        {
            ["telemetry"] = Members(new TelemetryMessage()),
            ["state"] = Members(new NodeStateMessage()),
            ["fleet"] = Members(new RollupMessage { Window = "10s" }),
        };
        string[] gatewayMembers = Members(new GatewayStateMessage { Gateway = Gateway });

        foreach (DiscoveryMessage m in All())
        {
            JsonElement config = Json(m);
            string topic = config.GetProperty("state_topic").GetString()!;
            string[] members = topic.Contains("/gateway/", StringComparison.Ordinal) ? gatewayMembers : byLeaf[topic.Split('/')[^1]];

            foreach (string member in TemplateMembers(config.GetProperty("value_template").GetString()!))
            {
                Assert.True(members.Contains(member), $"{m.Topic} reads '{member}', which {topic} does not carry");
            }
        }
    }

    [Fact]
    public void Discovery_topics_are_prefix_component_device_object_config_with_ids_home_assistant_accepts()
    {
        IReadOnlyList<DiscoveryMessage> dotted = Node("pi.kitchen-01");

        foreach (DiscoveryMessage m in All().Concat(dotted))
        {
            Assert.Matches(TopicFormat(), m.Topic);
        }

        Assert.All(dotted, m => Assert.StartsWith("homeassistant/", m.Topic, StringComparison.Ordinal));
        Assert.Contains(dotted, m => m.Topic == "homeassistant/sensor/edge_lab_pi_kitchen-01/rate/config");
    }

    [Fact]
    public void Unique_ids_differ_across_nodes_and_the_fleet_and_nodes_hang_under_the_fleet_device()
    {
        DiscoveryMessage[] messages = [.. Node("sim-001"), .. Node("sim-002"), .. Fleet()];
        string fleetId = Json(Fleet()[0]).GetProperty("device").GetProperty("identifiers")[0].GetString()!;

        Assert.Equal(messages.Length, messages.Select(m => Json(m).GetProperty("unique_id").GetString()).Distinct().Count());
        Assert.Equal(messages.Length, messages.Select(m => m.Topic).Distinct().Count());
        Assert.All(Node(), m => Assert.Equal(fleetId, Json(m).GetProperty("device").GetProperty("via_device").GetString()));
    }

    [Fact]
    public void Binary_sensors_turn_the_protocols_booleans_into_their_on_and_off_payloads()
    {
        foreach (DiscoveryMessage m in All().Where(m => Component(m) == "binary_sensor"))
        {
            JsonElement config = Json(m);
            string template = config.GetProperty("value_template").GetString()!;

            Assert.Contains($"'{config.GetProperty("payload_on").GetString()}' if value_json.", template, StringComparison.Ordinal);
            Assert.EndsWith($"else '{config.GetProperty("payload_off").GetString()}' }}}}", template, StringComparison.Ordinal);
        }
    }

    private static string[] Members(IJsonMessage message)
    {
        var writer = new JsonWriter(1024);
        JsonCodec.Encode(message, writer);
        return JsonDocument.Parse(writer.ToArray()).RootElement.EnumerateObject().Select(p => p.Name).ToArray();
    }

    private static string[] TemplateMembers(string template) =>
        ValueJsonMember().Matches(template).Select(m => m.Groups[1].Value).Distinct().ToArray();

    [GeneratedRegex(@"value_json\.([A-Za-z0-9_]+)")]
    private static partial Regex ValueJsonMember();

    [GeneratedRegex("^homeassistant/(sensor|binary_sensor)/[A-Za-z0-9_-]+/[A-Za-z0-9_-]+/config$")]
    private static partial Regex TopicFormat();
}
