namespace Edge.Gateway.Core.Sinks;

/// <summary>The optional sinks beside the always-on SQLite and MQTT rollup sinks.</summary>
internal sealed class SinkOptions
{
    /// <summary>Optional HTTP endpoint that receives every rollup as JSON.</summary>
    public Uri? WebhookUrl { get; set; }

    /// <summary>Optional second topic prefix rollups are republished under (e.g. for a bridge to another system).</summary>
    public string? RepublishPrefix { get; set; }
}
