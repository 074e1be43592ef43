using System.Threading.Channels;
using Edge.Gateway.Core.Aggregation;
using Edge.Gateway.Core.Ports;
using Microsoft.Extensions.Logging;
using Polly;

namespace Edge.Gateway.Core.Sinks;

/// <summary>
/// Feeds one sink from its own bounded queue, so a slow or dead sink never blocks ingest or the other sinks.
/// What the sink does not take (retries exhausted, breaker open, queue full) goes to the dead-letter table and
/// is replayed, oldest first, once the sink takes records again. The dead letters may sit in a store shared by
/// several gateways (the HA mode): only the leader replays them, so no letter is delivered twice.
/// </summary>
internal sealed partial class SinkPump
{
    private readonly ISink _sink;
    private readonly DeadLetterTable _deadLetters;
    private readonly SinkResilienceOptions _options;
    private readonly IGatewayMetrics _metrics;
    private readonly ILogger _logger;
    private readonly ResiliencePipeline _pipeline;
    private readonly Channel<RollupRecord> _queue;

    private readonly Leadership _leadership;

    public SinkPump(ISink sink, DeadLetterTable deadLetters, SinkResilienceOptions options, IGatewayMetrics metrics, TimeProvider clock, ILogger logger,
        Leadership leadership)
    {
        _leadership = leadership;
        _sink = sink;
        _deadLetters = deadLetters;
        _options = options;
        _metrics = metrics;
        _logger = logger;
        _queue = Channel.CreateBounded<RollupRecord>(new BoundedChannelOptions(options.QueueCapacity) { SingleReader = true });
        _pipeline = SinkPipelineFactory.Create(options, OnState, clock);
    }

    public string Name => _sink.Name;

    public SinkCircuitState State { get; private set; }

    /// <summary>Never waits: records that do not fit the queue are dead-lettered at once.</summary>
    public void Offer(IReadOnlyList<RollupRecord> records)
    {
        List<RollupRecord>? overflow = null;
        foreach (RollupRecord record in records)
        {
            if (!_queue.Writer.TryWrite(record))
            {
                (overflow ??= []).Add(record);
            }
        }

        if (overflow is not null)
        {
            DeadLetter(overflow, "queue full");
        }
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var batch = new List<RollupRecord>(_options.BatchSize);
        // Ends only by cancellation, and always with OperationCanceledException (thrown at the top of each round):
        // a loop test on the token would end quietly when the cancel lands after a failed delivery.
        while (true)
        {
            await WaitForRecordsAsync(cancellationToken).ConfigureAwait(false);
            batch.Clear();
            while (batch.Count < _options.BatchSize && _queue.Reader.TryRead(out RollupRecord? record))
            {
                batch.Add(record);
            }

            bool delivered = batch.Count == 0 || await DeliverAsync(batch, cancellationToken).ConfigureAwait(false);
            if (delivered && _leadership.IsLeader)
            {
                await ReplayAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task WaitForRecordsAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.ReplayInterval);
        try
        {
            await _queue.Reader.WaitToReadAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // Idle: fall through so dead letters get a replay attempt.
        }

        cancellationToken.ThrowIfCancellationRequested();
    }

    private async Task<bool> DeliverAsync(List<RollupRecord> batch, CancellationToken cancellationToken)
    {
        try
        {
            await _pipeline.ExecuteAsync(static async (state, ct) => await state.Sink.WriteAsync(state.Batch, ct).ConfigureAwait(false),
                (Sink: _sink, Batch: batch), cancellationToken).ConfigureAwait(false);
            _metrics.SinkWritten(Name, batch.Count);
            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            DeadLetter(batch, e.GetType().Name + ": " + e.Message);
            return false;
        }
    }

    private async Task ReplayAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            IReadOnlyList<(long Id, RollupRecord Record)> letters = _deadLetters.Oldest(Name, _options.BatchSize);
            if (letters.Count == 0)
            {
                return;
            }

            try
            {
                var records = letters.Select(l => l.Record).ToList();
                await _pipeline.ExecuteAsync(static async (state, ct) => await state.Sink.WriteAsync(state.Records, ct).ConfigureAwait(false),
                    (Sink: _sink, Records: records), cancellationToken).ConfigureAwait(false);
                _deadLetters.Delete(letters.Select(l => l.Id));
                _metrics.SinkWritten(Name, records.Count);
                LogReplayed(_logger, Name, records.Count);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    private void DeadLetter(IReadOnlyList<RollupRecord> records, string error)
    {
        _deadLetters.Add(Name, records, error);
        _metrics.SinkDeadLettered(Name, records.Count);
        LogDeadLettered(_logger, Name, records.Count, error);
    }

    private void OnState(SinkCircuitState state)
    {
        State = state;
        _metrics.SinkStateChanged(Name, state);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sink {Sink} did not take {Records} records ({Error}); they are in the dead-letter table")]
    private static partial void LogDeadLettered(ILogger logger, string sink, int records, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sink {Sink} took {Records} dead-lettered records")]
    private static partial void LogReplayed(ILogger logger, string sink, int records);
}
