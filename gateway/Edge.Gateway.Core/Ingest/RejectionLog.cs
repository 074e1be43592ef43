using System.Collections.Concurrent;
using Edge.Gateway.Core.Events;
using Edge.Gateway.Core.Ports;
using Microsoft.Extensions.Logging;

namespace Edge.Gateway.Core.Ingest;

/// <summary>
/// Counts every rejection by reason (and in the metrics) but logs, and adds to the event timeline, at most one
/// line a minute per node: a node stuck sending garbage at 100 Hz must not drown either (the count still tells
/// how bad it is).
/// </summary>
internal sealed partial class RejectionLog(ILogger logger, TimeProvider clock, IGatewayMetrics metrics, GatewayEvents events)
{
    private static readonly TimeSpan LogInterval = TimeSpan.FromMinutes(1);
    private readonly ConcurrentDictionary<string, long> _counts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (DateTimeOffset LastLogged, int Suppressed)> _lastLog = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, long> Counts => _counts;

    public long Count(string reason) => _counts.TryGetValue(reason, out long n) ? n : 0;

    /// <summary>Counts the rejection; true when a log line (and a timeline event) was written for it.</summary>
    public bool Reject(string node, string reason, string topic)
    {
        _counts.AddOrUpdate(reason, 1, (_, n) => n + 1);
        metrics.Rejected(reason);
        DateTimeOffset now = clock.GetUtcNow();
        lock (_lastLog)
        {
            if (_lastLog.TryGetValue(node, out var last) && now - last.LastLogged < LogInterval)
            {
                _lastLog[node] = (last.LastLogged, last.Suppressed + 1);
                return false;
            }

            int suppressed = _lastLog.TryGetValue(node, out var previous) ? previous.Suppressed : 0;
            _lastLog[node] = (now, 0);
            LogRejected(logger, node, reason, topic, suppressed);
            events.Add("reject", node, reason);
            return true;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rejected a message from {Node}: {Reason} on {Topic} ({Suppressed} more rejections from this node were not logged in the last minute)")]
    private static partial void LogRejected(ILogger logger, string node, string reason, string topic, int suppressed);
}
