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

    /// <summary>
    /// Publishes the whole batch before awaiting the broker's acknowledgements together (a thousand flows close a
    /// window every second; one round trip each kept the sink behind and opened its circuit). The broker takes them
    /// in the order sent, so the latest window of a topic stays the retained one. A failure fails the batch, which the
    /// pump retries or dead-letters; what was taken is remembered, so a replay never goes back in time.
    /// </summary>
    public async Task WriteAsync(IReadOnlyList<RollupRecord> records, CancellationToken cancellationToken)
    {
        var sending = new List<(string Topic, long Start, Task Publish)>(records.Count);
        foreach (RollupRecord record in records)
        {
            string topic = topicOf(record);
            if (_latestStart.TryGetValue(topic, out long latest) && record.StartMs < latest)
            {
                continue;
            }

            sending.Add((topic, record.StartMs, publisher.PublishAsync(topic, record.ToJson(), retain: true, cancellationToken)));
        }

        Exception? failed = null;
        foreach ((string topic, long start, Task publish) in sending)
        {
            try
            {
                await publish.ConfigureAwait(false);
                _latestStart[topic] = Math.Max(start, _latestStart.GetValueOrDefault(topic, long.MinValue));
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                failed ??= e;
            }
        }

        if (failed is not null)
        {
            throw new InvalidOperationException("the broker did not take every rollup: " + failed.Message, failed);
        }
    }
}
