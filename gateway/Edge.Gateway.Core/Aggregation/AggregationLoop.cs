using System.Threading.Channels;

namespace Edge.Gateway.Core.Aggregation;

/// <summary>
/// The aggregator's one owner: committed samples and the window timer's ticks reach it through a queue, so closing
/// a window (percentiles of a thousand flows, a rollup each, handed to the sinks) never holds the store loop. On the
/// store loop it cost 25 ms (10 s window) to 110 ms (1 min) of CPU at 1,000 flows, and 420 to 450 ms of waiting on a
/// loaded machine: at 80 % of the sustainable rate a stall that long leaves a backlog the spare 20 % takes seconds
/// to drain, and every batch in it is acknowledged late (issue 17, <c>bench micro --filter '*WindowClose*'</c>).
/// A sample still counts in the window of its commit time, which travels with it.
/// </summary>
internal sealed class AggregationLoop(Aggregator aggregator, TimeProvider clock, int capacity = AggregationLoop.DefaultCapacity)
{
    /// <summary>Committed groups waiting; the store loop waits for room only if the aggregator is this far behind.</summary>
    public const int DefaultCapacity = 256;

    // A null is the timer's tick.
    private readonly Channel<CommittedSamples?> _queue = Channel.CreateBounded<CommittedSamples?>(new BoundedChannelOptions(capacity)
    {
        SingleReader = true, SingleWriter = false, FullMode = BoundedChannelFullMode.Wait,
    });

    private int _tickQueued;

    /// <summary>A committed group's samples, copied (the store reuses its batches once this returns), at its commit time.</summary>
    public ValueTask PostAsync(CommittedSamples samples, CancellationToken cancellationToken)
    {
        samples.AtMs = clock.GetUtcNow().ToUnixTimeMilliseconds();
        return _queue.Writer.TryWrite(samples) ? ValueTask.CompletedTask : _queue.Writer.WriteAsync(samples, cancellationToken);
    }

    /// <summary>Closes what is due even when nothing is committed (the window timer): at most one queued, never waits.</summary>
    public void Tick()
    {
        if (Interlocked.Exchange(ref _tickQueued, 1) == 0 && !_queue.Writer.TryWrite(null))
        {
            Volatile.Write(ref _tickQueued, 0);
        }
    }

    /// <summary>Stops taking work; RunAsync aggregates what is queued and returns.</summary>
    public void Complete() => _queue.Writer.TryComplete();

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        ChannelReader<CommittedSamples?> reader = _queue.Reader;
        while (await reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
        {
            while (reader.TryRead(out CommittedSamples? samples))
            {
                if (samples is not null)
                {
                    samples.AddTo(aggregator);
                }
                else
                {
                    Volatile.Write(ref _tickQueued, 0);
                    aggregator.Tick(clock.GetUtcNow().ToUnixTimeMilliseconds());
                }
            }
        }
    }
}
