using Edge.Gateway.Core.Aggregation;
using Edge.Gateway.Core.Ports;
using Edge.Protocol;

namespace Edge.Gateway.Core.Sinks;

/// <summary>
/// Publishes rollups retained on the site's rollup topics (or, as the republish option, under another prefix).
/// A replayed dead letter older than what the topic already holds is skipped: the retained message must stay
/// the latest window.
/// </summary>
internal sealed class MqttRollupSink(string name, IMessagePublisher publisher, Func<RollupRecord, string> topicOf) : ISink
{
    private readonly Dictionary<string, long> _latestStart = new(StringComparer.Ordinal);

    public string Name { get; } = name;

    public static MqttRollupSink ForSite(IMessagePublisher publisher, string site) =>
        new("mqtt", publisher, r => Topics.Rollup(site, r.Window, r.Flow));

    public static MqttRollupSink Republish(IMessagePublisher publisher, string prefix) =>
        new("republish", publisher, r => prefix.TrimEnd('/') + "/" + r.Window + (r.Flow < 0 ? "/fleet" : "/flow/" + r.Flow.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    public async Task WriteAsync(IReadOnlyList<RollupRecord> records, CancellationToken cancellationToken)
    {
        foreach (RollupRecord record in records)
        {
            string topic = topicOf(record);
            if (_latestStart.TryGetValue(topic, out long latest) && record.StartMs < latest)
            {
                continue;
            }

            await publisher.PublishAsync(topic, record.ToJson(), retain: true, cancellationToken).ConfigureAwait(false);
            _latestStart[topic] = record.StartMs;
        }
    }
}
