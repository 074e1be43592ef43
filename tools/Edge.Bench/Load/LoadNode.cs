using System.Buffers;
using System.Diagnostics;
using Edge.Node.Core.Agent;
using Edge.Protocol;

namespace Edge.Bench.Load;

/// <summary>
/// One logical node of the load generator, speaking docs/PROTOCOL.md with Edge.Protocol's codecs over one
/// <see cref="LightClient"/>: CONNECT with the retained offline Will, the node's subscriptions, birth and online
/// state, telemetry every heartbeat (driven by <see cref="LoadScheduler"/>), and data batches of one flow from the
/// sequence the gateway's owner message names, at most a window of unconfirmed batches at a time. As the anchor's
/// publisher it only publishes the same batches, confirmed when the anchor's subscriber receives them.
/// Thread-safe: the scheduler's thread and the connection's receive loop both call in.
/// </summary>
internal sealed class LoadNode
{
    /// <summary>The agent's keepalive (ESPHome's), so the broker treats these connections as it would boards.</summary>
    public const ushort KeepAliveSeconds = AgentSettings.DefaultKeepAliveSeconds;

    private readonly LoadSettings _settings;
    private readonly LatencyRecorder _latency;
    private readonly Lock _gate = new();
    private readonly Queue<long> _credits = new();
    private readonly string _dataTopic;
    private readonly string _telemetryTopic;
    private readonly AckMessage _ack = new();
    private BatchWindow _window;
    private bool _gatewayUp;
    private bool _dataBeats;
    private bool _owner;
    private long _lastDataTicks = long.MinValue / 2;
    private int _skippedBeats;
    private int _pumping;
    private int _again;
    private long _sendErrors;
    private long _resent;
    private static readonly AgentSettings Retry = new();
    private string _host = "";
    private int _port;
    private ConnectGate? _connects;
    private int _lost;
    private int _reconnects;
    private int _connectFailures;

    public LoadNode(LoadSettings settings, string id, int flow, LatencyRecorder latency)
    {
        _settings = settings;
        _latency = latency;
        Id = id;
        Flow = flow;
        _dataTopic = Topics.Node(settings.Site, id, Topics.Data);
        _telemetryTopic = Topics.Node(settings.Site, id, Topics.Telemetry);
        _window = new BatchWindow(settings.Window, 0);
    }

    public string Id { get; }

    /// <summary>The flow this node publishes, or -1 for a board that only heartbeats.</summary>
    public int Flow { get; }

    public LightClient? Client { get; private set; }

    /// <summary>
    /// Born on its current connection and not closed: heartbeats go out from the moment the birth is handed to the
    /// socket, as the node agent's do, not when the connect task's continuations next get a thread (in a 10,000-board
    /// storm that was seconds, and the gateway failed over boards that had not heartbeated yet).
    /// </summary>
    public bool Beating => Volatile.Read(ref _born) && Client is { Closed: false };

    private bool _born;

    /// <summary>Edge: a primary gateway is online and has named this node the flow's owner. Anchor: connected.</summary>
    public bool Running
    {
        get
        {
            lock (_gate)
            {
                return _settings.Anchor ? Client is not null : _gatewayUp && _owner;
            }
        }
    }

    /// <summary>Edge: the online primary state of a gateway is the last one received (half of <see cref="Running"/>).</summary>
    public bool HasGateway
    {
        get
        {
            lock (_gate)
            {
                return _gatewayUp;
            }
        }
    }

    /// <summary>Edge: the owner message of this node's flow names it (the other half of <see cref="Running"/>).</summary>
    public bool HasOwner
    {
        get
        {
            lock (_gate)
            {
                return _owner;
            }
        }
    }

    /// <summary>Whether new batches may start: off until the run starts, and again while draining.</summary>
    public bool Sending { get; set; }

    /// <summary>True: keep the window full. False: one batch per credit (<see cref="Grant"/>).</summary>
    public bool Saturating { get; set; } = true;

    /// <summary>Grows on every connect, as docs/PROTOCOL.md section 2 asks.</summary>
    public long Session { get; private set; }

    /// <summary>Reconnections the gateway asked for (it declared this node dead while it was still talking).</summary>
    public int Rebirths { get; private set; }

    public long BatchesSent { get; private set; }

    public long SamplesSent => _window.Next - FirstSequence;

    public long SamplesConfirmed => _window.ConfirmedSamples;

    public long FirstSequence { get; private set; }

    public long Confirmed
    {
        get
        {
            lock (_gate)
            {
                return _window.Confirmed;
            }
        }
    }

    public int InFlight
    {
        get
        {
            lock (_gate)
            {
                return _window.InFlight;
            }
        }
    }

    public long Anomalies => _window.Anomalies;

    public long HeartbeatsSent { get; private set; }

    public long SendErrors => Interlocked.Read(ref _sendErrors);

    /// <summary>Batches sent again because the gateway asked (a `resend` command: it held later ones behind a gap).</summary>
    public long BatchesResent => Interlocked.Read(ref _resent);

    /// <summary>Connections this node had and lost without closing them (the broker or the network ended them).</summary>
    public int ConnectionsLost => Volatile.Read(ref _lost);

    /// <summary>Lost connections (and rebirths) that were opened again.</summary>
    public int Reconnects => Volatile.Read(ref _reconnects);

    /// <summary>
    /// Connects through <paramref name="gate"/>, retrying with the node agent's back-off until it is in or the gate
    /// stops or <paramref name="cancellationToken"/> ends; from then on a lost connection is opened again, as a
    /// board does, so a fleet the broker dropped comes back instead of dwindling.
    /// </summary>
    public async Task ConnectAsync(string host, int port, ConnectGate gate, CancellationToken cancellationToken)
    {
        _host = host;
        _port = port;
        _connects = gate;
        var backoff = new Backoff(Retry.BackoffMinMs, Retry.BackoffMaxMs, Random.Shared);
        while (true)
        {
            try
            {
                await gate.RunAsync(OpenAsync, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (Exception) when (!cancellationToken.IsCancellationRequested && !gate.Stopping.IsCancellationRequested)
            {
                Interlocked.Increment(ref _connectFailures);
                await Task.Delay(TimeSpan.FromMilliseconds(backoff.NextDelayMs()), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Attempts that failed (refused, timed out, or lost before the subscription was acknowledged).</summary>
    public int ConnectFailures => Volatile.Read(ref _connectFailures);

    private async Task OpenAsync(CancellationToken cancellationToken)
    {
        string host = _host;
        int port = _port;
        Session++;
        Volatile.Write(ref _born, false);
        var connect = _settings.Anchor
            ? LightClient.Connect(Id, KeepAliveSeconds)
            : LightClient.Connect(Id, KeepAliveSeconds, Topics.Node(_settings.Site, Id, Topics.State), StatePayload(online: false));
        LightClient client = await LightClient.ConnectAsync(host, port, connect, OnPublish, cancellationToken).ConfigureAwait(false);
        try
        {
            if (!_settings.Anchor)
            {
                // docs/PROTOCOL.md section 1; a pinned node listens to its own flow's owner only (it can never own another).
                string owners = _settings.AllOwners || Flow < 0 ? Topics.AllFlowOwners(_settings.Site) : Topics.FlowOwner(_settings.Site, Flow);
                await client.SubscribeAsync([Topics.NodeInbox(_settings.Site, Id), owners, Topics.AllGatewayStates(_settings.Site)], cancellationToken)
                    .ConfigureAwait(false);
            }

            lock (_gate)
            {
                Client = client;
            }

            if (!_settings.Anchor)
            {
                Task birth = client.PublishAsync(Topics.Node(_settings.Site, Id, Topics.Birth), BirthPayload(), atLeastOnce: true, retain: true);
                Volatile.Write(ref _born, true);
                await birth.WaitAsync(cancellationToken).ConfigureAwait(false);
                await client.PublishAsync(Topics.Node(_settings.Site, Id, Topics.State), StatePayload(online: true), atLeastOnce: true, retain: true)
                    .WaitAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        catch
        {
            await client.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        _ = client.Receiving.ContinueWith(_ => OnEnded(client), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    /// <summary>A connection ended: lost (not closed here) and still this node's, it is opened again after a back-off.</summary>
    private void OnEnded(LightClient client)
    {
        lock (_gate)
        {
            if (!_settings.Reconnect || client.ClosedOnPurpose || !ReferenceEquals(Client, client) || _connects is null)
            {
                return;
            }

            _gatewayUp = false;
        }

        Interlocked.Increment(ref _lost);
        _ = ReopenAsync(client, backOffFirst: true);
    }

    /// <summary>Closes <paramref name="old"/> and connects again (a new session and birth) until in or stopped.</summary>
    private async Task ReopenAsync(LightClient old, bool backOffFirst)
    {
        ConnectGate gate = _connects!;
        await old.DisposeAsync().ConfigureAwait(false);
        try
        {
            if (backOffFirst)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(new Backoff(Retry.BackoffMinMs, Retry.BackoffMaxMs, Random.Shared).NextDelayMs()), gate.Stopping)
                    .ConfigureAwait(false);
            }

            await ConnectAsync(_host, _port, gate, gate.Stopping).ConfigureAwait(false);
            Interlocked.Increment(ref _reconnects);
        }
        catch (OperationCanceledException)
        {
            // The generator is stopping.
        }
    }

    /// <summary>One heartbeat period: the telemetry message, QoS 0, unless the data said it. Called by the scheduler's thread only.</summary>
    public void Heartbeat(TelemetryMessage telemetry, JsonWriter writer)
    {
        LightClient? client = Client;
        if (client is null || client.Closed || _settings.Anchor)
        {
            return;
        }

        // As the node agent does: a gateway that counts data batches as heartbeats gets telemetry alone only when
        // this node is idle, and at least every fourth period.
        bool busy = Stopwatch.GetElapsedTime(Volatile.Read(ref _lastDataTicks)).TotalMilliseconds < _settings.HeartbeatMs;
        if (_dataBeats && busy && _skippedBeats < NodeAgent.MaxSkippedBeats)
        {
            _skippedBeats++;
            return;
        }

        _skippedBeats = 0;

        long unacked;
        lock (_gate)
        {
            unacked = _window.Next - _window.Confirmed;
        }

        telemetry.Session = Session;
        telemetry.TimestampMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        telemetry.Rate = 0;
        telemetry.Forecast = 0;
        telemetry.Horizon = 1;
        telemetry.BufferFill = unacked;
        telemetry.BufferCapacity = Math.Max(unacked, (long)_settings.Window * _settings.BatchSamples);
        telemetry.Dropped = 0;
        telemetry.Spilled = 0;
        telemetry.Unacked = unacked;
        telemetry.FreeMemory = 1 << 20;
        telemetry.PreExpanded = false;
        telemetry.Alarm = false;
        int length = JsonCodec.Encode(telemetry, writer);
        HeartbeatsSent++;
        Observe(client.PublishAsync(_telemetryTopic, new ArraySegment<byte>(writer.Buffer.AsSpan(0, length).ToArray()), atLeastOnce: false, retain: false));
    }

    /// <summary>A paced batch falls due now: it is sent as soon as the window has room, and its latency counts from now.</summary>
    public void Grant(long dueTicks)
    {
        lock (_gate)
        {
            _credits.Enqueue(dueTicks);
        }

        Pump();
    }

    /// <summary>Sends what the window, the mode and the credits allow; one sender at a time, whoever calls.</summary>
    public void Pump()
    {
        Volatile.Write(ref _again, 1);
        if (Interlocked.CompareExchange(ref _pumping, 1, 0) == 0)
        {
            _ = PumpAsync();
        }
    }

    /// <summary>The anchor's subscriber received a batch of this node's ending before <paramref name="next"/>.</summary>
    public void Delivered(long next) => Confirm(next);

    private async Task PumpAsync()
    {
        while (true)
        {
            Volatile.Write(ref _again, 0);
            while (TryOpen(out long first, out int count) && Client is { } client)
            {
                try
                {
                    Volatile.Write(ref _lastDataTicks, Stopwatch.GetTimestamp());
                    await client.PublishAsync(_dataTopic, Encode(first, count), atLeastOnce: true, retain: false).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    Interlocked.Increment(ref _sendErrors);
                    break;
                }
            }

            Volatile.Write(ref _pumping, 0);
            if (Volatile.Read(ref _again) == 0 || Interlocked.CompareExchange(ref _pumping, 1, 0) != 0)
            {
                return;
            }
        }
    }

    private bool TryOpen(out long first, out int count)
    {
        lock (_gate)
        {
            first = 0;
            count = _settings.BatchSamples;
            bool running = _settings.Anchor ? Client is not null : _gatewayUp && _owner;
            if (!running || !Sending || !_window.HasRoom || (!Saturating && _credits.Count == 0))
            {
                return false;
            }

            long due = Saturating ? Stopwatch.GetTimestamp() : _credits.Dequeue();
            first = _window.Open(count, due);
            BatchesSent++;
            return true;
        }
    }

    private ArraySegment<byte> Encode(long first, int count)
    {
        var batch = new DataBatch(count) { Flow = Flow, Session = Session, FirstSequence = first, BaseTimeMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() };
        for (int i = 0; i < count; i++)
        {
            batch.OffsetsMs[i] = 0;
            batch.Values[i] = SampleValues.At(Flow, first + i);
        }

        batch.Count = count;
        var payload = new byte[ProtocolLimits.BatchBytes(count)];
        DataBatchCodec.Encode(batch, payload, 0);
        return payload;
    }

    private void Confirm(long next)
    {
        long now = Stopwatch.GetTimestamp();
        int done;
        lock (_gate)
        {
            done = _window.Confirm(next, (due, samples) => _latency.Record(due, now, samples));
        }

        if (done > 0)
        {
            Pump();
        }
    }

    private void OnPublish(string topic, ReadOnlySequence<byte> payload)
    {
        if (_settings.Anchor)
        {
            return;
        }

        // Runs on this connection's receive loop only, so the reused decoders need no lock.
        byte[] bytes = payload.ToArray();
        var address = new TopicAddress();
        if (!address.TryParse(topic) || bytes.Length == 0)
        {
            return;
        }

        if (address.Kind == TopicAddress.KindNode && address.Id == Id && address.Leaf == Topics.Ack)
        {
            if (_ack.Decode(bytes, 0, bytes.Length) == ProtocolError.None && _ack.Flow == Flow)
            {
                Confirm(_ack.NextSequence);
            }
        }
        else if (address.Kind == TopicAddress.KindNode && address.Id == Id && address.Leaf == Topics.Command)
        {
            var command = new CommandMessage();
            if (JsonCodec.Decode(command, new JsonReader(), bytes, 0, bytes.Length) != ProtocolError.None)
            {
                return;
            }

            if (command.Command == CommandMessage.Rebirth)
            {
                _ = RebirthAsync();
            }
            else if (command.Command == CommandMessage.Resend && command.Flow == Flow)
            {
                _ = ResendAsync(command.From);
            }
        }
        else if (address.Kind == TopicAddress.KindGateway && address.Leaf == Topics.State)
        {
            var state = new GatewayStateMessage();
            if (JsonCodec.Decode(state, new JsonReader(), bytes, 0, bytes.Length) == ProtocolError.None)
            {
                lock (_gate)
                {
                    _gatewayUp = state.Online && state.Primary;
                    _dataBeats = _gatewayUp && state.DataBeats;
                }

                Pump();
            }
        }
        else if (address.Kind == TopicAddress.KindFlow && address.Flow == Flow && Flow >= 0)
        {
            var owner = new FlowOwnerMessage();
            if (JsonCodec.Decode(owner, new JsonReader(), bytes, 0, bytes.Length) == ProtocolError.None)
            {
                OnOwner(owner);
            }
        }
    }

    /// <summary>As the node agent does on `rebirth`: reconnect, which is a new session with a new birth.</summary>
    private async Task RebirthAsync()
    {
        LightClient? old;
        lock (_gate)
        {
            old = Client;
            _gatewayUp = false;
        }

        Rebirths++;
        if (old is not null && _connects is not null)
        {
            await old.DisconnectAsync().ConfigureAwait(false);
            await ReopenAsync(old, backOffFirst: false).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// As the node agent does on `resend` (docs/PROTOCOL.md): every unconfirmed batch from <paramref name="from"/> on goes
    /// out again, the same samples under the same sequences, so the gateway commits what it missed and drops what it has.
    /// </summary>
    private async Task ResendAsync(long from)
    {
        List<(long First, int Count)> again;
        LightClient? client;
        lock (_gate)
        {
            again = _window.From(from);
            client = Client;
        }

        if (client is null)
        {
            return;
        }

        foreach ((long first, int count) in again)
        {
            try
            {
                await client.PublishAsync(_dataTopic, Encode(first, count), atLeastOnce: true, retain: false).ConfigureAwait(false);
                Interlocked.Increment(ref _resent);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                Interlocked.Increment(ref _sendErrors);
                return;
            }
        }
    }

    private void OnOwner(FlowOwnerMessage owner)
    {
        lock (_gate)
        {
            bool mine = owner.Node == Id;
            if (mine && !_owner)
            {
                // Nothing of this flow is held here: start where the gateway has committed up to.
                _window = new BatchWindow(_settings.Window, owner.ResumeFrom);
                FirstSequence = owner.ResumeFrom;
            }

            _owner = mine;
        }

        Pump();
    }

    private byte[] BirthPayload()
    {
        var birth = new BirthMessage
        {
            Node = Id, Session = Session, Firmware = "bench-0.1", Board = "load-generator", Capabilities = "predict",
            BufferCapacity = (long)_settings.Window * _settings.BatchSamples, BufferCeiling = (long)_settings.Window * _settings.BatchSamples,
            HeartbeatMs = _settings.HeartbeatMs, MaxFlows = 1, TimestampMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(),
        };
        var writer = new JsonWriter(512);
        JsonCodec.Encode(birth, writer);
        return writer.ToArray();
    }

    private byte[] StatePayload(bool online)
    {
        var state = new NodeStateMessage { Online = online, Session = Session, TimestampMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() };
        var writer = new JsonWriter(128);
        JsonCodec.Encode(state, writer);
        return writer.ToArray();
    }

    private void Observe(Task send)
    {
        if (!send.IsCompletedSuccessfully)
        {
            send.ContinueWith(_ => Interlocked.Increment(ref _sendErrors), CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        }
    }
}
