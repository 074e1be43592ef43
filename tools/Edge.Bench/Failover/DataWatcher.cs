using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics;
using MQTTnet;
using MQTTnet.Protocol;

namespace Edge.Bench.Failover;

/// <summary>
/// Watches data batches at the broker, as any MQTT client would: who published which flow last, and when.
/// "The flow's new owner publishing again" is the first batch of that flow from another node after a kill.
/// </summary>
internal sealed class DataWatcher : IAsyncDisposable
{
    private readonly IMqttClient _client = new MqttClientFactory().CreateMqttClient();
    private readonly ConcurrentDictionary<int, (string Node, long Ticks)> _last = new();

    public static async Task<DataWatcher> StartAsync(int port, string site)
    {
        var watcher = new DataWatcher();
        watcher._client.ApplicationMessageReceivedAsync += e =>
        {
            long now = Stopwatch.GetTimestamp();
            string[] parts = e.ApplicationMessage.Topic.Split('/');
            var payload = e.ApplicationMessage.Payload;
            if (parts.Length == 6 && payload.Length >= 6)
            {
                byte[] header = payload.Slice(0, 6).ToArray();
                int flow = header[4] | (header[5] << 8);
                watcher._last[flow] = (parts[4], now);
            }

            return Task.CompletedTask;
        };
        await watcher._client.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port).WithClientId("bench-watcher").Build()).ConfigureAwait(false);
        await watcher._client.SubscribeAsync("edge/v1/" + site + "/node/+/data", MqttQualityOfServiceLevel.AtMostOnce).ConfigureAwait(false);
        return watcher;
    }

    public string? Publisher(int flow) => _last.TryGetValue(flow, out var last) ? last.Node : null;

    /// <summary>True when every flow was published within the last <paramref name="window"/>.</summary>
    public bool AllFlowing(IEnumerable<int> flows, TimeSpan window) =>
        flows.All(f => _last.TryGetValue(f, out var last) && Stopwatch.GetElapsedTime(last.Ticks) < window);

    /// <summary>Waits until each flow has a batch from a node other than <paramref name="victim"/> after <paramref name="since"/>; returns when the last one came.</summary>
    public async Task<TimeSpan?> NewOwnersPublishingAsync(IReadOnlyCollection<int> flows, string victim, long since, TimeSpan timeout)
    {
        long deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < deadline)
        {
            var seen = flows.Select(f => _last.TryGetValue(f, out var last) && last.Node != victim && last.Ticks > since ? last.Ticks : (long?)null).ToList();
            if (seen.All(t => t is not null))
            {
                return Stopwatch.GetElapsedTime(since, seen.Max()!.Value);
            }

            await Task.Delay(2).ConfigureAwait(false);
        }

        return null;
    }

    public async ValueTask DisposeAsync()
    {
        await _client.DisconnectAsync().ConfigureAwait(false);
        _client.Dispose();
    }
}
