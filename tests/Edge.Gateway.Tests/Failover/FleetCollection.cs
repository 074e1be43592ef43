namespace Edge.Gateway.Tests.Failover;

/// <summary>
/// The fleet tests run real boards at full rate; they run on their own, not beside the other integration tests,
/// so that neither side's timing depends on the other's load.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class FleetCollection
{
    public const string Name = "fleet";
}
