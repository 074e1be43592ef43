namespace Edge.Gateway.Core.Fleet;

/// <summary>What reaches the fleet loop: one record per kind of event, processed in arrival order.</summary>
internal abstract record FleetInput
{
    public sealed record Birth(NodeBirth Message, TaskCompletionSource<SessionUpdate> Done) : FleetInput;

    public sealed record State(string Node, bool Online, long Session, bool Planned, TaskCompletionSource<SessionUpdate> Done) : FleetInput;

    public sealed record Telemetry(string Node, NodeTelemetry Message) : FleetInput;

    /// <summary>A retained owner of a flow this gateway does not serve (left by an earlier configuration).</summary>
    public sealed record StaleOwner(int Flow) : FleetInput;

    public sealed record Tick : FleetInput
    {
        public static readonly Tick Instance = new();
    }

    public sealed record Snapshot(TaskCompletionSource<FleetSnapshot> Done) : FleetInput;

    /// <summary>A retained flow assignment heard on the broker.</summary>
    public sealed record Owner(int Flow, string Node, long Epoch, long Token) : FleetInput;

    /// <summary>An operator lifts a node's quarantine; done with whether it was quarantined.</summary>
    public sealed record Lift(string Node, TaskCompletionSource<bool> Done) : FleetInput;

    /// <summary>This gateway became the leader; done once the owners are queued for announcement.</summary>
    public sealed record TakeOver(TaskCompletionSource Done) : FleetInput;
}
