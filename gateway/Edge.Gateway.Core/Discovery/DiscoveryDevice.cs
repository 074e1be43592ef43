namespace Edge.Gateway.Core.Discovery;

/// <summary>
/// A Home Assistant device: a node, or the fleet (the gateway). Its availability is the protocol's retained
/// state topic, whose JSON {"online":true|false} a template maps to Home Assistant's online/offline payloads.
/// </summary>
internal sealed record DiscoveryDevice(string Id, string Name, string Model, string AvailabilityTopic)
{
    /// <summary>The fleet device's id; nodes name it as via_device, so Home Assistant draws them under it.</summary>
    public string? ViaDevice { get; init; }
}
