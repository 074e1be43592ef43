using Edge.Gateway.Core.Election;
using Edge.Gateway.Core.Fleet;
using Edge.Gateway.Core.Flows;
using Edge.Gateway.Core.Ingest;
using Edge.Gateway.Core.Learning;
using Edge.Gateway.Core.Sinks;
using Edge.Gateway.Core.Storage;
using Edge.Protocol;

namespace Edge.Gateway.Core.Hosting;

/// <summary>
/// Everything the logic needs to know about its deployment; the host fills it from the command line. Each part
/// keeps its defaults with the component it configures, so every default is defined once.
/// </summary>
internal sealed class GatewayOptions
{
    public string Site { get; set; } = Topics.DefaultSite;

    public string GatewayId { get; set; } = "gw1";

    /// <summary>The single mode's guard and the HA mode's lease (the election itself is handed to the runtime).</summary>
    public ElectionOptions Election { get; set; } = new();

    /// <summary>The flows the simulator's and the demo's fleet produce by default (three traces, five synthetic).</summary>
    public FlowCatalog Flows { get; set; } = FlowCatalog.Parse("0-7");

    public StoreOptions Store { get; set; } = new();

    public IngestOptions Ingest { get; set; } = new();

    /// <summary>Assignment, failure detection and autoscaling (docs/ARCHITECTURE.md explains the defaults).</summary>
    public SupervisorOptions Supervisor { get; set; } = new();

    public SinkOptions Sinks { get; set; } = new();

    /// <summary>The fleet's learned model: training, validation, push through retained config, rollback.</summary>
    public LearnerOptions Learning { get; set; } = new();
}
