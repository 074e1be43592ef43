using Edge.Gateway.Core.Failover;
using Edge.Gateway.Core.Flows;

namespace Edge.Gateway.Core.Hosting;

/// <summary>Everything the logic needs to know about its deployment; the host fills it from the command line.</summary>
internal sealed class GatewayOptions
{
    public string Site { get; set; } = "site1";

    public string GatewayId { get; set; } = "gw1";

    /// <summary>What this gateway announces in its retained state; the failover work decides it dynamically.</summary>
    public bool Primary { get; set; } = true;

    public string DatabasePath { get; set; } = "edge-gateway.db";

    /// <summary>Stored batches and rollups older than this are deleted; committed per-flow totals are kept forever.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(7);

    public FlowCatalog Flows { get; set; } = FlowCatalog.Parse("1");

    /// <summary>Assignment, failure detection and autoscaling (docs/ARCHITECTURE.md explains the defaults).</summary>
    public SupervisorOptions Supervisor { get; set; } = new();

    /// <summary>Batches held per flow while waiting for a gap to fill; past this the node's resend covers them.</summary>
    public int MaxHeldBatchesPerFlow { get; set; } = 64;

    /// <summary>How long a gap may stay open before the node is asked (again) to resend from the committed sequence.</summary>
    public TimeSpan ResendAfter { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Batches per SQLite transaction at most; the writer takes whatever is queued up to this.</summary>
    public int MaxBatchesPerTransaction { get; set; } = 512;

    public int IngestQueueCapacity { get; set; } = 4096;

    public int StoreQueueCapacity { get; set; } = 4096;

    /// <summary>Optional HTTP endpoint that receives every rollup as JSON.</summary>
    public Uri? WebhookUrl { get; set; }

    /// <summary>Optional second topic prefix rollups are republished under (e.g. for a bridge to another system).</summary>
    public string? RepublishPrefix { get; set; }
}
