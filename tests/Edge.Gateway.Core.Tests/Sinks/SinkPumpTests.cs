using Edge.Gateway.Core.Ports;
using Edge.Gateway.Core.Aggregation;
using Edge.Gateway.Core.Sinks;
using Edge.Gateway.Core.Storage;
using Edge.Gateway.Core.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace Edge.Gateway.Core.Tests.Sinks;

[Trait("Category", "Unit")]
public sealed class SinkPumpTests : IDisposable
{
    private static readonly SinkResilienceOptions Fast = new()
    {
        MaxRetryAttempts = 1,
        RetryDelay = TimeSpan.FromMilliseconds(5),
        BreakDuration = TimeSpan.FromMilliseconds(500),
        AttemptTimeout = TimeSpan.FromMilliseconds(200),
        ReplayInterval = TimeSpan.FromMilliseconds(100),
        QueueCapacity = 4,
        BatchSize = 2,
    };

    private readonly TempDirectory _dir = new();
    private readonly DeadLetterTable _deadLetters;

    public SinkPumpTests()
    {
        var db = new GatewayDatabase(_dir.File("gw.db"));
        db.EnsureSchema();
        _deadLetters = new DeadLetterTable(new SqliteGatewayStore(db), TimeProvider.System);
    }

    [Fact]
    public async Task A_sink_that_fails_then_recovers_gets_every_record_through_the_dead_letter_table()
    {
        var sink = new FailingThenRecoveringSink(failures: 12);
        SinkPump pump = Pump(sink);
        using var cts = new CancellationTokenSource();
        Task run = pump.RunAsync(cts.Token);

        RollupRecord[] records = Enumerable.Range(0, 12).Select(Record).ToArray();
        foreach (RollupRecord[] chunk in records.Chunk(3))
        {
            pump.Offer(chunk);
            await Task.Delay(20);
        }

        await Eventually.TrueAsync(() => sink.Taken.Count == records.Length && _deadLetters.Count("flaky") == 0, () => $"all records delivered (taken {sink.Taken.Count}, dead {_deadLetters.Count("flaky")}, calls {sink.Calls}, pump {run.Status} {run.Exception?.InnerException})", 20_000);
        Assert.All(records, r => Assert.Equal(r, sink.Taken[(r.Window, r.Flow, r.StartMs)]));
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
    }

    [Fact]
    public async Task A_stalled_sink_never_blocks_the_caller_and_loses_nothing()
    {
        SinkPump pump = Pump(new StalledSink());
        using var cts = new CancellationTokenSource();
        Task run = pump.RunAsync(cts.Token);

        Task offering = Task.Run(() =>
        {
            for (int i = 0; i < 20; i++)
            {
                pump.Offer([Record(i)]);
            }
        });

        await offering.WaitAsync(TimeSpan.FromSeconds(10));
        await Eventually.TrueAsync(() => _deadLetters.Count("stalled") >= 16, "overflow and timeouts dead-lettered");
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
    }

    [Fact]
    public async Task A_stop_that_lands_as_a_failed_batch_is_dead_lettered_still_ends_the_pump_as_cancelled()
    {
        // The host tells a stopped loop from a crashed one by the exception; a pump that returned quietly here was
        // a CI failure of the test above (the cancel came between the dead-lettering and the loop's next round).
        using var cts = new CancellationTokenSource();
        var pump = new SinkPump(new FailingThenRecoveringSink(failures: int.MaxValue), _deadLetters, Fast, new StopOnDeadLetterMetrics(cts),
            TimeProvider.System, NullLogger.Instance, Leaders.Leading());
        Task run = pump.RunAsync(cts.Token);

        pump.Offer([Record(1)]);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.True(run.IsCanceled || run.IsFaulted, "pump " + run.Status);
        Assert.Equal(1, _deadLetters.Count("flaky"));
    }

    [Fact]
    public void One_window_close_of_a_thousand_flows_fits_a_stalled_sinks_queue_and_the_next_overflow_is_dead_lettered()
    {
        // Default sizes: a 1,000-flow site closes its 1 s, 10 s and 1 min windows together (3,003 records with the fleet's).
        var defaults = new SinkResilienceOptions();
        var pump = new SinkPump(new StalledSink(), _deadLetters, defaults, NullGatewayMetrics.Instance, TimeProvider.System, NullLogger.Instance,
            Leaders.Leading());

        pump.Offer([.. Enumerable.Range(0, 3 * 1001).Select(Record)]);
        Assert.Equal(0, _deadLetters.Count("stalled"));

        pump.Offer([.. Enumerable.Range(0, defaults.QueueCapacity).Select(Record)]);
        Assert.Equal(3 * 1001, _deadLetters.Count("stalled"));
    }

    public void Dispose() => _dir.Dispose();

    private SinkPump Pump(ISink sink) => new(sink, _deadLetters, Fast, NullGatewayMetrics.Instance, TimeProvider.System, NullLogger.Instance, Leaders.Leading());

    private static RollupRecord Record(int i) => new("1s", 1, i * 1000L, (i * 1000L) + 1000, i + 1, i, 0, i, 1, 1, 1, 1);
}
