using System.Buffers;
using System.Threading.Channels;
using Edge.Gateway.Core.Aggregation;
using Edge.Gateway.Core.Balancing;
using Edge.Gateway.Core.Detection;
using Edge.Gateway.Core.Election;
using Edge.Gateway.Core.Events;
using Edge.Gateway.Core.Fleet;
using Edge.Gateway.Core.Flows;
using Edge.Gateway.Core.Ingest;
using Edge.Gateway.Core.Learning;
using Edge.Gateway.Core.Outbound;
using Edge.Gateway.Core.Ports;
using Edge.Gateway.Core.Queries;
using Edge.Gateway.Core.Sinks;
using Edge.Gateway.Core.Storage;
using Edge.Protocol;
using Microsoft.Extensions.Logging;

namespace Edge.Gateway.Core.Hosting;

/// <summary>
/// The composition root: the gateway's logic wired together and run. The host supplies the transport (a
/// publisher, and calls to <see cref="EnqueueAsync"/>), metrics and clock; it reads everything through
/// <see cref="Queries"/>. Loops, and the state each one owns (docs/ARCHITECTURE.md):
/// ingest (decoder, the accepted side of each flow) -> store (group commit, then committed positions, aggregator
/// input and acks) ; fleet (registry, detector, placement, autoscaling) ; outbox pump (everything sent to nodes) ;
/// window tick (closes rollup windows, asks for resends) ; one pump per sink ; the election (GatewayRuntime.Leadership.cs),
/// which decides whether this gateway acts as the site's primary or stands by.
/// </summary>
internal sealed partial class GatewayRuntime : IAsyncDisposable
{
    private static readonly TimeSpan WindowTick = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan StopFlushLimit = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan PauseProbeEvery = TimeSpan.FromMilliseconds(100);
    private static readonly string TelemetrySuffix = "/" + Topics.Telemetry;
    private static readonly string DataSuffix = "/" + Topics.Data;

    private readonly Channel<InboundMessage> _inbound;
    private readonly IGatewayStore _store;
    private readonly ILeaderElection _election;
    private readonly FlowRegistry _flows;
    private readonly AggregationLoop _aggregation;
    private readonly RollupDispatcher _dispatcher = new();
    private readonly Outbox _outbox;
    private readonly FleetLoop _fleet;
    private readonly IngestProcessor _processor;
    private readonly ResendRequester _resends;
    private readonly HeldBatchExpiry _heldExpiry;
    private readonly Backpressure _backpressure;
    private readonly ShedReports _shed = new();
    private readonly TimeProvider _clock;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<Task> _loops = [];
    private readonly BatchStore _batches;
    private readonly GatewayEvents _events;
    private readonly FleetLearner? _learner;
    private readonly ConfigModelPublisher? _modelPublisher;
    private LearningState _learning = LearningState.None;
    private Task? _ingestLoop;
    private Task? _storeLoop;
    private Task? _electionLoop;

    // store: where committed data goes, the SQLite file of StoreOptions.DatabasePath unless given (PostgreSQL in the
    // HA mode); election: the single-mode guard unless given (etcd in the HA mode); leadership: this gateway's role,
    // shared with the host (its retained state and /healthz read it).
    public GatewayRuntime(GatewayOptions options, IMessagePublisher publisher, IGatewayMetrics metrics, ILoggerFactory loggers,
        TimeProvider clock, IEnumerable<ISink>? sinks = null, SinkResilienceOptions? resilience = null, HttpClient? http = null,
        IScaleActuator? actuator = null, IGatewayStore? store = null, ILeaderElection? election = null, Leadership? leadership = null)
    {
        Options = options;
        _clock = clock;
        _logger = loggers.CreateLogger<GatewayRuntime>();
        _store = store ?? new SqliteGatewayStore(options.Store.DatabasePath);
        Leadership = leadership ?? new Leadership(options.GatewayId, clock);
        _election = election ?? new SingleGatewayElection(options.Site, Leadership, options.Election, clock, loggers.CreateLogger<SingleGatewayElection>());
        Leadership.Use(_election.Mode, _election.Holds);
        _flows = new FlowRegistry(options.Flows);
        _events = new GatewayEvents(clock);
        var rejections = new RejectionLog(loggers.CreateLogger<RejectionLog>(), clock, metrics, _events);
        _outbox = new Outbox(publisher, metrics, clock, loggers.CreateLogger<Outbox>(), Leadership);
        var acks = new AckSender(_outbox, options.Site);
        _aggregation = new AggregationLoop(new Aggregator(clock, records => _dispatcher.Dispatch(records)), clock);
        var outliers = new ValueOutliers();
        _batches = new BatchStore(_store, options.Store, new CommitHandler(_flows, _aggregation, acks, metrics, RequestResync, outliers), Leadership, metrics, clock,
            loggers.CreateLogger<BatchStore>());
        _batches.FencedOut += OnFencedOut;
        var placement = new FlowPlacement(options.Supervisor, options.Site, _flows, BalancerCatalog.Create(options.Supervisor.Balancer), _events, Leadership);
        var supervisor = new FleetSupervisor(options.Supervisor, new NodeRegistry(options.Supervisor.MaxNodes), placement, new PhiAccrualFailureDetector(options.Supervisor.Phi),
            _outbox, _events, options.Site, Leadership, outliers, _shed);
        _fleet = new FleetLoop(supervisor, clock, actuator, loggers.CreateLogger<FleetLoop>());
        _processor = new IngestProcessor(options.Ingest, _flows, _fleet, _batches, acks, rejections, metrics, clock, Leadership);
        _resends = new ResendRequester(_flows, _outbox, _events, options.Ingest, options.Site, clock);
        _heldExpiry = new HeldBatchExpiry(_flows, _batches, rejections, options.Ingest, options.Site, clock);
        _inbound = Channel.CreateBounded<InboundMessage>(new BoundedChannelOptions(options.Ingest.QueueCapacity)
        {
            SingleReader = true, FullMode = BoundedChannelFullMode.Wait,
        });
        var deadLetters = new DeadLetterTable(_store, clock);
        resilience ??= new SinkResilienceOptions();
        foreach (ISink sink in sinks ?? DefaultSinks.Create(options.Site, options.Sinks, _store, publisher, http ?? new HttpClient()))
        {
            _dispatcher.Add(new SinkPump(sink, deadLetters, resilience, metrics, clock, loggers.CreateLogger<SinkPump>(), Leadership));
        }

        if (options.Learning.Enabled)
        {
            _modelPublisher = new ConfigModelPublisher(_outbox, options.Site);
            _learner = new FleetLearner(new CommittedHistory(_store), _modelPublisher, options.Learning);
        }

        _backpressure = new Backpressure(clock, _shed);
        Queries = new GatewayQueries(_fleet, _flows, _dispatcher, _events, rejections, deadLetters,
            () => new QueueDepths(_inbound.Reader.Count, _batches.QueueDepth, _outbox.Pending, _fleet.QueueDepth),
            () => new Saturation(_backpressure.Saturated, _backpressure.Waits, _backpressure.WaitedSeconds, _fleet.Dropped, _shed.Count, _fleet.Pauses,
                _fleet.CorrelatedSilences), clock, Leadership,
            () => Volatile.Read(ref _learning));
    }

    public GatewayOptions Options { get; }

    /// <summary>An operator lifts a node's quarantine (docs/SECURITY.md); false when the node was not quarantined.</summary>
    public Task<bool> LiftQuarantineAsync(string node, CancellationToken cancellationToken) => _fleet.LiftAsync(node, cancellationToken);

    /// <summary>Everything the host shows (REST, dashboard, metrics), computed once.</summary>
    public GatewayQueries Queries { get; }

    /// <summary>Where the store is (the SQLite path, or the PostgreSQL host and database).</summary>
    public string DatabasePath => _store.Location;

    public IGatewayStore Store => _store;

    /// <summary>This gateway's role (leader, standby, refused) and what it knows of the site's leader.</summary>
    public Leadership Leadership { get; }

    public bool Started { get; private set; }

    /// <summary>Started, the store's loop alive and its last commit successful: what /healthz calls "store up".</summary>
    public bool StoreReady => Started && _batches.Healthy && _storeLoop is { IsCompleted: false };

    /// <summary>
    /// Waits while the inbound queue is full: that is the backpressure on the MQTT client. A telemetry report that
    /// finds the queue full is shed instead (counted, its heartbeat already heard): holding a connection for a QoS 0
    /// report would stop that connection's reads, and enough of them stop the broker hearing keep-alives, dropping
    /// healthy nodes that then reconnect and are born again, which saturates the queue more (issue 17, 10,000 boards).
    /// </summary>
    public ValueTask EnqueueAsync(InboundMessage message, CancellationToken cancellationToken)
    {
        // Liveness is judged when a heartbeat reaches the gateway, not after the ingest queue: a busy store must
        // not make healthy nodes look silent to the failure detector. A data batch is a heartbeat too (the gateway
        // says so in its state, and busy nodes then send telemetry alone only when idle).
        bool telemetry = message.Topic.EndsWith(TelemetrySuffix, StringComparison.Ordinal);
        bool heard = (telemetry || message.Topic.EndsWith(DataSuffix, StringComparison.Ordinal)) && Heard(message.Topic);
        if (_inbound.Writer.TryWrite(message))
        {
            return ValueTask.CompletedTask;
        }

        if (telemetry && heard)
        {
            _backpressure.Shed();
            ArrayPool<byte>.Shared.Return(message.Payload);
            return ValueTask.CompletedTask;
        }

        return WaitForRoomAsync(message, cancellationToken);
    }

    /// <summary>A heartbeat from one of this site's nodes, handed to the fleet loop; false for any other topic.</summary>
    private bool Heard(string topic)
    {
        var address = new TopicAddress();
        if (!address.TryParse(topic) || address.Kind != TopicAddress.KindNode || address.Site != Options.Site)
        {
            return false;
        }

        _fleet.Heartbeat(address.Id);
        return true;
    }

    /// <summary>The inbound queue is full: the gateway stops hearing its nodes until there is room, and says so.</summary>
    private async ValueTask WaitForRoomAsync(InboundMessage message, CancellationToken cancellationToken)
    {
        _fleet.Deafened();
        long started = _backpressure.Started();
        try
        {
            await _inbound.Writer.WriteAsync(message, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _backpressure.Ended(started);
            _fleet.Hearing();
        }
    }

    public void Start()
    {
        _store.EnsureSchema();
        _flows.Reload(_store.LoadFlows());
        CancellationToken token = _stopping.Token;

        // Not through Task.Run: with no grace the single mode takes over right here, before any message is taken.
        _electionLoop = RunElectionAsync(token);
        _storeLoop = Task.Run(() => _batches.RunAsync(token), token);
        _ingestLoop = Task.Run(() => IngestLoopAsync(token), token);
        _loops.Add(Task.Run(() => _fleet.RunAsync(token), token));
        _loops.Add(Task.Run(() => _outbox.RunAsync(token), token));
        _loops.Add(Task.Run(() => WindowLoopAsync(token), token));
        _loops.Add(Task.Run(() => _aggregation.RunAsync(token), token));
        if (Options.Supervisor.PauseTolerance > TimeSpan.Zero)
        {
            _loops.Add(Task.Run(() => PauseProbeAsync(token), token));
        }
        if (_learner is not null)
        {
            _loops.Add(Task.Run(() => LearningLoopAsync(token), token));
        }

        foreach (SinkPump pump in _dispatcher.Pumps)
        {
            _loops.Add(Task.Run(() => pump.RunAsync(token), token));
        }

        Started = true;
    }

    /// <summary>
    /// Drains what was received into the store (so it can be acked next time), sends what the outbox still holds
    /// (the acks of that last commit), then stops the loops.
    /// </summary>
    public async Task StopAsync()
    {
        _inbound.Writer.TryComplete();
        await Quietly(_ingestLoop).ConfigureAwait(false);
        _batches.Complete();
        await Quietly(_storeLoop).ConfigureAwait(false);
        using (var flushLimit = new CancellationTokenSource(StopFlushLimit))
        {
            await Quietly(_outbox.FlushAsync(flushLimit.Token)).ConfigureAwait(false);
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        foreach (Task loop in _loops)
        {
            await Quietly(loop).ConfigureAwait(false);
        }

        await Quietly(_electionLoop).ConfigureAwait(false);
        Started = false;
    }

    public async ValueTask DisposeAsync()
    {
        if (Started)
        {
            await StopAsync().ConfigureAwait(false);
        }

        await _election.DisposeAsync().ConfigureAwait(false);
        _stopping.Dispose();
    }

    private async Task IngestLoopAsync(CancellationToken cancellationToken)
    {
        await foreach (InboundMessage message in _inbound.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            try
            {
                ResyncIfAsked();
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

    /// <summary>
    /// Measures how late the gateway runs its own work: the probe's tick waits in the same thread pool queue as the
    /// transport's receive callbacks, which stamp heartbeats. When a 10,000-board fleet connected together the pool
    /// fell seconds behind, and boards whose heartbeats sat in their sockets were declared dead (issue 17): a probe
    /// later than <see cref="SupervisorOptions.PauseTolerance"/> tells the fleet loop to judge nobody for as long.
    /// </summary>
    private async Task PauseProbeAsync(CancellationToken cancellationToken)
    {
        double tolerance = Options.Supervisor.PauseTolerance.TotalMilliseconds;
        using var timer = new PeriodicTimer(PauseProbeEvery, _clock);
        long last = _clock.GetTimestamp();
        while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
        {
            long now = _clock.GetTimestamp();
            double late = _clock.GetElapsedTime(last, now).TotalMilliseconds - PauseProbeEvery.TotalMilliseconds;
            last = now;
            if (late > tolerance)
            {
                _fleet.Paused((long)late);
            }
        }
    }

    /// <summary>Closes rollup windows even when no data comes, and asks for resends of gaps that stay open.</summary>
    /// <summary>
    /// The learner's own loop (it owns the learner): train a candidate every TrainEvery, judge the live model and send
    /// the live config to nodes that have not had it every WatchEvery. Training is CPU work; it runs here, not on the
    /// loops that ingest or watch the fleet.
    /// </summary>
    private async Task LearningLoopAsync(CancellationToken cancellationToken)
    {
        FleetLearner learner = _learner!;
        LearnerOptions options = Options.Learning;
        long lastTrain = _clock.GetTimestamp();
        using var timer = new PeriodicTimer(options.WatchEvery, _clock);
        while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
        {
            // Only the leader trains and pushes models: a standby's config messages would be dropped by the outbox anyway.
            if (!Leadership.IsLeader)
            {
                continue;
            }

            try
            {
                if (_clock.GetElapsedTime(lastTrain) >= options.TrainEvery)
                {
                    lastTrain = _clock.GetTimestamp();
                    LearnerDecision decision = learner.Train();
                    LogTrained(_logger, decision.Pushed, decision.Reason, decision.CandidateLoss, decision.CurrentLoss, decision.LiveVersion);
                }

                if (learner.Watch())
                {
                    LogRolledBack(_logger, learner.Live?.Version ?? 0);
                }

                _modelPublisher!.Sync(_fleet.Nodes.All().Where(n => n.Online).Select(n => n.Node));
                Volatile.Write(ref _learning, new LearningState(learner.Live?.Version ?? 0, learner.Rollbacks, new Dictionary<int, FlowModelState>(learner.Flows)));
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogTickFailed(_logger, e);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Fleet model round: pushed {Pushed} ({Reason}); candidate loss {Candidate:F4}, current {Current:F4}; live version {Version}")]
    private static partial void LogTrained(ILogger logger, bool pushed, string reason, double candidate, double current, long version);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Fleet model rolled back: its live error was worse than the classical predictor's; live version now {Version}")]
    private static partial void LogRolledBack(ILogger logger, long version);

    private async Task WindowLoopAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(WindowTick, _clock);
        while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
        {
            try
            {
                _aggregation.Tick();
                _resends.Check();
                _heldExpiry.Check();
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
