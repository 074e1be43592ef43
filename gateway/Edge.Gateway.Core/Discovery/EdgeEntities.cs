using Edge.Protocol;

namespace Edge.Gateway.Core.Discovery;

/// <summary>
/// Which entities a node and the fleet get. Templates read the telemetry members of docs/PROTOCOL.md section 3.3
/// and the rollup members of section 3.8; tests check every member named here exists in those messages.
/// </summary>
internal static class EdgeEntities
{
    private const int TelemetryExpirySeconds = 60;

    public static IReadOnlyList<DiscoveryEntity> Node(string site, string node)
    {
        string telemetry = Topics.Node(site, node, Topics.Telemetry);
        string state = Topics.Node(site, node, Topics.State);
        DiscoveryEntity Measure(string id, string name, string member, string unit) =>
            new(DiscoveryEntity.Sensor, id, name, telemetry, $"{{{{ value_json.{member} }}}}")
            {
                Unit = unit, StateClass = "measurement", ExpireAfterSeconds = TelemetryExpirySeconds,
            };
        DiscoveryEntity Flag(string id, string name, string member, string deviceClass) =>
            new(DiscoveryEntity.BinarySensor, id, name, telemetry, $"{{{{ 'ON' if value_json.{member} else 'OFF' }}}}")
            {
                DeviceClass = deviceClass, ExpireAfterSeconds = TelemetryExpirySeconds,
            };

        return
        [
            new(DiscoveryEntity.BinarySensor, "online", "Online", state, "{{ 'ON' if value_json.online else 'OFF' }}")
            {
                DeviceClass = "connectivity", EntityCategory = "diagnostic", UsesAvailability = false,
            },
            Measure("rate", "Arrival rate", "rate", "samples/s") with { Icon = "mdi:chart-line" },
            Measure("forecast", "Forecast", "forecast", "samples") with { Icon = "mdi:crystal-ball" },
            Measure("buffer_fill", "Buffer fill", "bufferFill", "samples") with { Icon = "mdi:tray-full" },
            Measure("buffer_capacity", "Buffer capacity", "bufferCapacity", "samples") with { Icon = "mdi:tray" },
            Measure("unacked", "Unacknowledged", "unacked", "samples"),
            Measure("dropped", "Dropped", "dropped", "samples") with { StateClass = "total_increasing", Icon = "mdi:delete-alert" },
            Measure("spilled", "Spilled", "spilled", "samples") with { StateClass = "total_increasing" },
            Measure("free_memory", "Free memory", "freeMemory", "B") with { DeviceClass = "data_size", EntityCategory = "diagnostic" },
            Flag("pre_expanded", "Buffer pre-expanded", "preExpanded", "running"),
            Flag("alarm", "Burst alarm", "alarm", "problem"),
        ];
    }

    public static IReadOnlyList<DiscoveryEntity> Fleet(string site, string gateway)
    {
        string tenSeconds = Topics.Rollup(site, "10s", -1);
        DiscoveryEntity Rollup(string id, string name, string template, string? unit = null) =>
            new(DiscoveryEntity.Sensor, id, name, tenSeconds, template) { Unit = unit, StateClass = "measurement" };

        return
        [
            new(DiscoveryEntity.BinarySensor, "gateway_online", "Gateway online", Topics.GatewayState(site, gateway),
                "{{ 'ON' if value_json.online else 'OFF' }}")
            {
                DeviceClass = "connectivity", EntityCategory = "diagnostic", UsesAvailability = false,
            },
            Rollup("throughput", "Throughput", "{{ (value_json.count / 10) | round(1) }}", "samples/s") with { Icon = "mdi:chart-line" },
            Rollup("mean", "Mean value", "{{ value_json.mean }}"),
            Rollup("p99", "p99 value", "{{ value_json.p99 }}"),
            Rollup("max", "Max value", "{{ value_json.max }}"),
            new(DiscoveryEntity.Sensor, "samples_per_minute", "Samples per minute", Topics.Rollup(site, "1m", -1), "{{ value_json.count }}")
            {
                Unit = "samples", StateClass = "measurement",
            },
        ];
    }
}
