namespace Edge.Gateway.Core.Sinks;

/// <summary>Retry and breaker settings for every sink; tests shrink the delays.</summary>
internal sealed class SinkResilienceOptions
{
    public int MaxRetryAttempts { get; set; } = 3;

    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(5);

    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often a pump with dead letters but no new records tries to replay them.</summary>
    public TimeSpan ReplayInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Records a pump holds before it dead-letters the rest. A window close offers one record per flow and window
    /// (1 s, 10 s and 1 min), so at 1,000 flows up to 3,003 at once: 1,024 overflowed every second, and the
    /// dead-letter writes and replays competed with the batch writer for SQLite's lock (issue 17). 16,384 holds the
    /// 1 s rollups of 16,000 flows, or all three windows of 5,000.
    /// </summary>
    public int QueueCapacity { get; set; } = 16_384;

    /// <summary>Records per write: one SQLite transaction for the store sink, so 1,000 flows' rollups are two, not sixteen.</summary>
    public int BatchSize { get; set; } = 512;
}
