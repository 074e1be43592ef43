using System.Text.Json;

namespace Edge.Gateway.Core.Tests.Discovery;

/// <summary>
/// The MQTT discovery options Home Assistant documents for the two entity types the gateway publishes, as read
/// from the documentation's source, home-assistant/home-assistant.io:
/// - source/_integrations/binary_sensor.mqtt.markdown at commit fbc3a3b3bdcce503437401c8ea500a3f72181fd8
///   (https://www.home-assistant.io/integrations/binary_sensor.mqtt/), its {% configuration %} block;
/// - source/_integrations/sensor.mqtt.markdown (https://www.home-assistant.io/integrations/sensor.mqtt/): the same
///   common options plus the sensor-only ones below (state_class, unit_of_measurement, suggested_display_precision,
///   last_reset_value_template, options); state_class values from the sensor entity docs
///   (https://developers.home-assistant.io/docs/core/entity/sensor/: measurement, total, total_increasing).
/// "platform" is documented as "only allowed and required in MQTT auto discovery device messages"; the gateway
/// sends single-component messages, so it must be absent. Types: the docs' string, integer, boolean, list, map,
/// template (a string), icon (a string).
/// </summary>
internal static class HomeAssistantSchema
{
    public static readonly Dictionary<string, JsonValueKind> Common = new(StringComparer.Ordinal)
    {
        ["availability"] = JsonValueKind.Array,
        ["availability_mode"] = JsonValueKind.String,
        ["availability_template"] = JsonValueKind.String,
        ["availability_topic"] = JsonValueKind.String,
        ["device"] = JsonValueKind.Object,
        ["device_class"] = JsonValueKind.String,
        ["enabled_by_default"] = JsonValueKind.True,
        ["encoding"] = JsonValueKind.String,
        ["entity_category"] = JsonValueKind.String,
        ["entity_picture"] = JsonValueKind.String,
        ["expire_after"] = JsonValueKind.Number,
        ["force_update"] = JsonValueKind.True,
        ["icon"] = JsonValueKind.String,
        ["json_attributes_template"] = JsonValueKind.String,
        ["json_attributes_topic"] = JsonValueKind.String,
        ["name"] = JsonValueKind.String,
        ["object_id"] = JsonValueKind.String,
        ["payload_available"] = JsonValueKind.String,
        ["payload_not_available"] = JsonValueKind.String,
        ["qos"] = JsonValueKind.Number,
        ["state_topic"] = JsonValueKind.String,
        ["unique_id"] = JsonValueKind.String,
        ["value_template"] = JsonValueKind.String,
    };

    public static readonly Dictionary<string, JsonValueKind> BinarySensorOnly = new(StringComparer.Ordinal)
    {
        ["off_delay"] = JsonValueKind.Number,
        ["payload_off"] = JsonValueKind.String,
        ["payload_on"] = JsonValueKind.String,
    };

    public static readonly Dictionary<string, JsonValueKind> SensorOnly = new(StringComparer.Ordinal)
    {
        ["last_reset_value_template"] = JsonValueKind.String,
        ["options"] = JsonValueKind.Array,
        ["state_class"] = JsonValueKind.String,
        ["suggested_display_precision"] = JsonValueKind.Number,
        ["unit_of_measurement"] = JsonValueKind.String,
    };

    public static readonly string[] Required = ["state_topic"];

    /// <summary>availability entries: topic required; payloads strings; value_template a template.</summary>
    public static readonly Dictionary<string, JsonValueKind> AvailabilityKeys = new(StringComparer.Ordinal)
    {
        ["payload_available"] = JsonValueKind.String,
        ["payload_not_available"] = JsonValueKind.String,
        ["topic"] = JsonValueKind.String,
        ["value_template"] = JsonValueKind.String,
    };

    /// <summary>device keys; identifiers is "[list, string]", connections a list, the rest strings.</summary>
    public static readonly Dictionary<string, JsonValueKind> DeviceKeys = new(StringComparer.Ordinal)
    {
        ["configuration_url"] = JsonValueKind.String,
        ["connections"] = JsonValueKind.Array,
        ["hw_version"] = JsonValueKind.String,
        ["identifiers"] = JsonValueKind.Array,
        ["manufacturer"] = JsonValueKind.String,
        ["model"] = JsonValueKind.String,
        ["model_id"] = JsonValueKind.String,
        ["name"] = JsonValueKind.String,
        ["serial_number"] = JsonValueKind.String,
        ["suggested_area"] = JsonValueKind.String,
        ["sw_version"] = JsonValueKind.String,
        ["via_device"] = JsonValueKind.String,
    };

    public static readonly string[] AvailabilityModes = ["all", "any", "latest"];

    public static readonly string[] StateClasses = ["measurement", "total", "total_increasing"];

    /// <summary>"When set, the entity category must be diagnostic for sensors."</summary>
    public static readonly string[] EntityCategories = ["diagnostic"];

    /// <summary>Every way a config can break the documented schema, empty when it conforms.</summary>
    public static IEnumerable<string> Violations(string component, JsonElement config)
    {
        Dictionary<string, JsonValueKind> allowed = new(Common, StringComparer.Ordinal);
        foreach ((string key, JsonValueKind kind) in component == "sensor" ? SensorOnly : BinarySensorOnly)
        {
            allowed[key] = kind;
        }

        foreach (JsonProperty p in config.EnumerateObject())
        {
            if (!allowed.TryGetValue(p.Name, out JsonValueKind kind))
            {
                yield return $"undocumented key '{p.Name}'";
            }
            else if (!Is(kind, p.Value))
            {
                yield return $"'{p.Name}' is {p.Value.ValueKind}, documented as {kind}";
            }
        }

        foreach (string key in Required.Where(k => !config.TryGetProperty(k, out _)))
        {
            yield return $"required '{key}' missing";
        }

        if (config.TryGetProperty("availability", out _) && config.TryGetProperty("availability_topic", out _))
        {
            yield return "availability and availability_topic together (documented: must not be used together)";
        }

        foreach (string v in Nested(config))
        {
            yield return v;
        }

        foreach (string v in Values(config))
        {
            yield return v;
        }
    }

    private static IEnumerable<string> Nested(JsonElement config)
    {
        if (config.TryGetProperty("availability", out JsonElement list) && list.ValueKind == JsonValueKind.Array)
        {
            foreach (JsonElement entry in list.EnumerateArray())
            {
                foreach (string v in Keys("availability", entry, AvailabilityKeys))
                {
                    yield return v;
                }

                if (!entry.TryGetProperty("topic", out _))
                {
                    yield return "availability entry without its required 'topic'";
                }
            }
        }

        if (config.TryGetProperty("device", out JsonElement device) && device.ValueKind == JsonValueKind.Object)
        {
            foreach (string v in Keys("device", device, DeviceKeys))
            {
                yield return v;
            }

            if (!device.TryGetProperty("identifiers", out _) && !device.TryGetProperty("connections", out _))
            {
                yield return "device without identifiers or connections (documented: at least one must be present)";
            }

            if (!config.TryGetProperty("unique_id", out _))
            {
                yield return "device without unique_id (documented: device only works when unique_id is set)";
            }
        }
    }

    private static IEnumerable<string> Values(JsonElement config)
    {
        if (config.TryGetProperty("availability_mode", out JsonElement mode) && !AvailabilityModes.Contains(mode.GetString()))
        {
            yield return $"availability_mode '{mode}'";
        }

        if (config.TryGetProperty("state_class", out JsonElement stateClass) && !StateClasses.Contains(stateClass.GetString()))
        {
            yield return $"state_class '{stateClass}'";
        }

        if (config.TryGetProperty("entity_category", out JsonElement category) && !EntityCategories.Contains(category.GetString()))
        {
            yield return $"entity_category '{category}'";
        }

        if (config.TryGetProperty("qos", out JsonElement qos) && qos.ValueKind == JsonValueKind.Number && qos.GetInt32() is < 0 or > 2)
        {
            yield return $"qos {qos}";
        }

        if (config.TryGetProperty("expire_after", out JsonElement expire)
            && (expire.ValueKind != JsonValueKind.Number || !expire.TryGetInt32(out int seconds) || seconds <= 0))
        {
            yield return $"expire_after {expire} (an integer number of seconds)";
        }
    }

    private static IEnumerable<string> Keys(string where, JsonElement json, Dictionary<string, JsonValueKind> allowed)
    {
        foreach (JsonProperty p in json.EnumerateObject())
        {
            if (!allowed.TryGetValue(p.Name, out JsonValueKind kind))
            {
                yield return $"undocumented {where} key '{p.Name}'";
            }
            else if (!Is(kind, p.Value) && !(p.Name == "identifiers" && p.Value.ValueKind == JsonValueKind.String))
            {
                yield return $"{where}.{p.Name} is {p.Value.ValueKind}, documented as {kind}";
            }
        }
    }

    private static bool Is(JsonValueKind documented, JsonElement value) => documented switch
    {
        JsonValueKind.True => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
        JsonValueKind.Number => value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out _),
        _ => value.ValueKind == documented,
    };
}
