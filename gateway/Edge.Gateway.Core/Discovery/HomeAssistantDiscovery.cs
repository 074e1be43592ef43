using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Edge.Protocol;

namespace Edge.Gateway.Core.Discovery;

/// <summary>
/// Home Assistant MQTT discovery configs for a node and for the fleet, on
/// {prefix}/{component}/{device}/{object}/config (retained), so Home Assistant shows them with no YAML.
/// Keys and types follow the documented sensor.mqtt and binary_sensor.mqtt options; the tests hold the list.
/// </summary>
internal static class HomeAssistantDiscovery
{
    public const string DefaultPrefix = "homeassistant";
    private const string Manufacturer = "Edge";

    /// <summary>Maps the protocol's {"online":true|false} to Home Assistant's default availability payloads.</summary>
    public const string AvailabilityTemplate = "{{ 'online' if value_json.online else 'offline' }}";

    // Templates keep their quotes readable in MQTT Explorer; the payload never goes into HTML.
    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static IReadOnlyList<DiscoveryMessage> ForNode(string site, string node, string gateway, string prefix = DefaultPrefix)
    {
        var device = new DiscoveryDevice(DeviceId(site, node), node, "Edge node", Topics.Node(site, node, Topics.State))
        {
            ViaDevice = DeviceId(site, gateway),
        };
        return EdgeEntities.Node(site, node).Select(e => Message(prefix, device, e)).ToList();
    }

    public static IReadOnlyList<DiscoveryMessage> ForFleet(string site, string gateway, string prefix = DefaultPrefix)
    {
        var device = new DiscoveryDevice(DeviceId(site, gateway), $"Edge fleet {site}", "Edge gateway", Topics.GatewayState(site, gateway));
        return EdgeEntities.Fleet(site, gateway).Select(e => Message(prefix, device, e)).ToList();
    }

    /// <summary>Discovery topic ids allow [a-zA-Z0-9_-]; protocol ids may also hold '.', which becomes '_'.</summary>
    public static string DeviceId(string site, string id) => Sanitize($"edge_{site}_{id}");

    private static DiscoveryMessage Message(string prefix, DiscoveryDevice device, DiscoveryEntity entity)
    {
        string topic = $"{prefix}/{entity.Component}/{device.Id}/{entity.ObjectId}/config";
        return new DiscoveryMessage(topic, JsonSerializer.SerializeToUtf8Bytes(Config(device, entity), Json));
    }

    private static JsonObject Config(DiscoveryDevice device, DiscoveryEntity entity)
    {
        var config = new JsonObject
        {
            ["name"] = entity.Name,
            ["unique_id"] = $"{device.Id}_{entity.ObjectId}",
            ["state_topic"] = entity.StateTopic,
            ["value_template"] = entity.ValueTemplate,
        };
        if (entity.Component == DiscoveryEntity.BinarySensor)
        {
            config["payload_on"] = "ON";
            config["payload_off"] = "OFF";
        }

        Optional(config, "unit_of_measurement", entity.Unit);
        Optional(config, "state_class", entity.StateClass);
        Optional(config, "device_class", entity.DeviceClass);
        Optional(config, "entity_category", entity.EntityCategory);
        Optional(config, "icon", entity.Icon);
        if (entity.ExpireAfterSeconds is int expiry)
        {
            config["expire_after"] = expiry;
        }

        if (entity.UsesAvailability)
        {
            config["availability"] = new JsonArray(new JsonObject
            {
                ["topic"] = device.AvailabilityTopic,
                ["value_template"] = AvailabilityTemplate,
                ["payload_available"] = "online",
                ["payload_not_available"] = "offline",
            });
        }

        config["device"] = Device(device);
        return config;
    }

    private static JsonObject Device(DiscoveryDevice device)
    {
        var json = new JsonObject
        {
            ["identifiers"] = new JsonArray(device.Id),
            ["name"] = device.Name,
            ["manufacturer"] = Manufacturer,
            ["model"] = device.Model,
        };
        Optional(json, "via_device", device.ViaDevice);
        return json;
    }

    private static void Optional(JsonObject json, string key, string? value)
    {
        if (value is not null)
        {
            json[key] = value;
        }
    }

    private static string Sanitize(string id) =>
        string.Concat(id.Select(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' ? c : '_'));
}
