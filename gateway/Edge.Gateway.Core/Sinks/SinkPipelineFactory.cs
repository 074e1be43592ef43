using Edge.Gateway.Core.Ports;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace Edge.Gateway.Core.Sinks;

/// <summary>
/// One Polly pipeline per sink: a timeout per attempt (a hung sink counts as failed), retries with exponential
/// backoff and jitter, and a breaker so a dead sink is skipped quickly instead of retried on every record.
/// </summary>
internal static class SinkPipelineFactory
{
    public static ResiliencePipeline Create(SinkResilienceOptions options, Action<SinkCircuitState> onState, TimeProvider clock) =>
        new ResiliencePipelineBuilder { TimeProvider = clock }
            .AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = options.MaxRetryAttempts,
                Delay = options.RetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldHandle = new PredicateBuilder().Handle<Exception>(e => e is not BrokenCircuitException and not OperationCanceledException),
            })
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                FailureRatio = 0.5,
                MinimumThroughput = 4,
                SamplingDuration = TimeSpan.FromSeconds(30),
                BreakDuration = options.BreakDuration,
                OnOpened = _ => Report(onState, SinkCircuitState.Open),
                OnHalfOpened = _ => Report(onState, SinkCircuitState.HalfOpen),
                OnClosed = _ => Report(onState, SinkCircuitState.Closed),
            })
            .AddTimeout(new TimeoutStrategyOptions { Timeout = options.AttemptTimeout })
            .Build();

    private static ValueTask Report(Action<SinkCircuitState> onState, SinkCircuitState state)
    {
        onState(state);
        return ValueTask.CompletedTask;
    }
}
