namespace Edge.Gateway.Core.Discovery;

/// <summary>
/// One Home Assistant entity read from an edge/v1 JSON topic. Component is "sensor" or "binary_sensor"; the value
/// template turns the flat protocol JSON into the state (a number, or ON/OFF for a binary sensor).
/// </summary>
internal sealed record DiscoveryEntity(string Component, string ObjectId, string Name, string StateTopic, string ValueTemplate)
{
    public const string Sensor = "sensor";
    public const string BinarySensor = "binary_sensor";

    public string? Unit { get; init; }

    public string? StateClass { get; init; }

    public string? DeviceClass { get; init; }

    /// <summary>"diagnostic" for what an operator rather than a user looks at.</summary>
    public string? EntityCategory { get; init; }

    public string? Icon { get; init; }

    /// <summary>Telemetry is not retained: a value older than this shows as unavailable rather than as current.</summary>
    public int? ExpireAfterSeconds { get; init; }

    /// <summary>False for the connectivity sensor itself: it must show "disconnected", not "unavailable".</summary>
    public bool UsesAvailability { get; init; } = true;
}
