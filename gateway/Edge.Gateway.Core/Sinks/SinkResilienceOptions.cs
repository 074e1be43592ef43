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

    public int QueueCapacity { get; set; } = 1024;

    public int BatchSize { get; set; } = 64;
}
