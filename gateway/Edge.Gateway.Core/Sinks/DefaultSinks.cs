using Edge.Gateway.Core.Ports;
using Edge.Gateway.Core.Storage;

namespace Edge.Gateway.Core.Sinks;

/// <summary>The store (SQLite or PostgreSQL) and the retained rollup topics always; republish and webhook when configured.</summary>
internal static class DefaultSinks
{
    public static IEnumerable<ISink> Create(string site, SinkOptions options, IGatewayStore store, IMessagePublisher publisher, HttpClient http)
    {
        yield return new StoreRollupSink(store);
        yield return MqttRollupSink.ForSite(publisher, site);
        if (!string.IsNullOrEmpty(options.RepublishPrefix))
        {
            yield return MqttRollupSink.Republish(publisher, options.RepublishPrefix);
        }

        if (options.WebhookUrl is not null)
        {
            yield return new WebhookSink(http, options.WebhookUrl);
        }
    }
}
