using System.Buffers;
using System.Threading.Channels;
using Edge.Gateway.Core.Aggregation;
using Edge.Gateway.Core.Balancing;
using Edge.Gateway.Core.Failover;
using Edge.Gateway.Core.Ingest;
using Edge.Gateway.Core.Sinks;
using Edge.Gateway.Core.Storage;
using Microsoft.Extensions.Logging;

namespace Edge.Gateway.Core.Hosting;

/// <summary>
/// The gateway's logic wired together and run: transport -> inbound queue -> ingest loop -> store queue ->
/// group commit -> acks + aggregator -> rollup sinks. The host supplies the transport, metrics and clock.
/// </summary>
internal sealed partial class GatewayRuntime : IAsyncDisposable
{
    private readonly Channel<InboundMessage> _inbound;
    private readonly IngestProcessor _processor;
    private readonly ResendRequester _resends;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<Task> _loops = [];
    private Task? _ingestLoop;
    private Task? _storeLoop;

    public GatewayRuntime(GatewayOptions options, IMessagePublisher publisher, IGatewayMetrics metrics, ILoggerFactory loggers,
        TimeProvider clock, IEnumerable<ISink>? sinks = null, SinkResilienceOptions? resilience = null, HttpClient? http = null,
        IScaleActuator? actuator = null)
    {
        Options = options;
        _logger = loggers.CreateLogger<GatewayRuntime>();
        Database = new GatewayDatabase(options.DatabasePath);
        Events = new GatewayEvents(clock);
        Rejections = new RejectionLog(loggers.CreateLogger<RejectionLog>(), clock);
        var acks = new AckSender(publisher, metrics, options.Site, loggers.CreateLogger<AckSender>());
        Aggregator = new Aggregator(clock, records => Dispatcher.Dispatch(records));
        var pool = new BatchPool();
        Store = new BatchStore(Database, options, new CommitHandler(Flows, Aggregator, acks, pool, metrics), metrics, clock, loggers.CreateLogger<BatchStore>());
        Supervisor = new FleetSupervisor(options.Supervisor, options, Flows, new PhiAccrualFailureDetector(options.Supervisor.Phi),
            BalancerCatalog.Create(options.Supervisor.Balancer), publisher, Events, clock, actuator);
        _processor = new IngestProcessor(options, Sessions, Flows, Store, pool, acks, Rejections, Events, metrics, clock, Supervisor);
        _resends = new ResendRequester(publisher, metrics, Events, options, clock);
        _inbound = Channel.CreateBounded<InboundMessage>(new BoundedChannelOptions(options.IngestQueueCapacity)
        {
            SingleReader = true, FullMode = BoundedChannelFullMode.Wait,
        });
        var deadLetters = new DeadLetterTable(Database, clock);
        resilience ??= new SinkResilienceOptions();
        foreach (ISink sink in sinks ?? DefaultSinks.Create(options, Database, publisher, http ?? new HttpClient()))
        {
            Dispatcher.Add(new SinkPump(sink, deadLetters, resilience, metrics, clock, loggers.CreateLogger<SinkPump>()));
        }

        DeadLetters = deadLetters;
        Clock = clock;
    }

    public GatewayOptions Options { get; }

    public GatewayDatabase Database { get; }

    public NodeSessions Sessions { get; } = new();

    public FlowSequences Flows { get; } = new();

    public GatewayEvents Events { get; }

    public RejectionLog Rejections { get; }

    public Aggregator Aggregator { get; }

    public BatchStore Store { get; }

    public RollupDispatcher Dispatcher { get; } = new();

    /// <summary>Who serves which flow, failure detection and autoscaling.</summary>
    public FleetSupervisor Supervisor { get; }

    public DeadLetterTable DeadLetters { get; }

    public TimeProvider Clock { get; }

    public bool Started { get; private set; }

    /// <summary>Started, the store's loop alive and its last commit successful: what /healthz calls "store up".</summary>
    public bool StoreReady => Started && Store.Healthy && _storeLoop is { IsCompleted: false };

    public int InboundDepth => _inbound.Reader.Count;

    /// <summary>Waits while the inbound queue is full: that is the backpressure on the MQTT client.</summary>
    public ValueTask EnqueueAsync(InboundMessage message, CancellationToken cancellationToken)
    {
        // Liveness is judged when a heartbeat reaches the gateway, not after the ingest queue: a busy store must
        // not make healthy nodes look silent to the failure detector.
        Supervisor.HeartbeatArrived(message.Topic);
        return _inbound.Writer.WriteAsync(message, cancellationToken);
    }

    public void Start()
    {
        Database.EnsureSchema();
        foreach (FlowSequence flow in FlowStateReader.Load(Database))
        {
            Flows.Load(flow);
        }

        CancellationToken token = _stopping.Token;
        _storeLoop = Task.Run(() => Store.RunAsync(token), token);
        _ingestLoop = Task.Run(() => IngestLoopAsync(token), token);
        _loops.Add(Task.Run(() => TickLoopAsync(token), token));
        _loops.Add(Task.Run(() => SupervisorLoopAsync(token), token));
        foreach (SinkPump pump in Dispatcher.Pumps)
        {
            _loops.Add(Task.Run(() => pump.RunAsync(token), token));
        }

        Started = true;
    }

    /// <summary>Drains what was received into the store (so it can be acked next time), then stops the loops.</summary>
    public async Task StopAsync()
    {
        _inbound.Writer.TryComplete();
        await Quietly(_ingestLoop).ConfigureAwait(false);
        Store.Complete();
        await Quietly(_storeLoop).ConfigureAwait(false);
        await _stopping.CancelAsync().ConfigureAwait(false);
        foreach (Task loop in _loops)
        {
            await Quietly(loop).ConfigureAwait(false);
        }

        Started = false;
    }

    public async ValueTask DisposeAsync()
    {
        if (Started)
        {
            await StopAsync().ConfigureAwait(false);
        }

        _stopping.Dispose();
    }

    private async Task IngestLoopAsync(CancellationToken cancellationToken)
    {
        await foreach (InboundMessage message in _inbound.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            try
            {
                await _processor.ProcessAsync(message, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A bug on one message must not stop ingest; the message is not acked, so it will come again.
                LogIngestFailed(_logger, message.Topic, e);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(message.Payload);
            }
        }
    }

    private async Task TickLoopAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(100), Clock);
        while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
        {
            try
            {
                Aggregator.Tick();
                await _resends.CheckAsync(Flows, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogTickFailed(_logger, e);
            }
        }
    }

    /// <summary>
    /// The supervisor on its own loop: failure detection wants a finer tick than the windows, and a slow publish
    /// of an assignment must never hold back rollups (or the other way round).
    /// </summary>
    private async Task SupervisorLoopAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(50), Clock);
        while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
        {
            try
            {
                await Supervisor.TickAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogTickFailed(_logger, e);
            }
        }
    }

    private static async Task Quietly(Task? task)
    {
        if (task is null)
        {
            return;
        }

        try
        {
            await task.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Processing a message on {Topic} failed")]
    private static partial void LogIngestFailed(ILogger logger, string topic, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "The window/resend tick failed")]
    private static partial void LogTickFailed(ILogger logger, Exception exception);
}
