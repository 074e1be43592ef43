using System;

namespace Edge.Node.Core.Agent
{
    /// <summary>
    /// The node agent every board runs: connect (with back-off and a list of brokers) → birth → wait for a primary
    /// gateway → running. Samples stay in the store until the gateway acknowledges them; after a reconnect the
    /// unacknowledged ones are sent again in order. Single-threaded: the host calls Tick, Record and Receive from one
    /// thread with its own clock, so nothing here reads the time.
    /// </summary>
    public sealed partial class NodeAgent
    {
        private readonly AgentSettings _settings;
        private readonly IMqttTransport _mqtt;
        private readonly INodeHost _host;
        private readonly ISessionStore _sessions;
        private readonly Backoff _backoff;
        private readonly Random _random;
        private readonly BlockPool _pool;
        private readonly FlowLane[] _lanes;
        private readonly StoreSizer _sizer;
        private readonly int[] _held;
        private readonly long[] _stored;
        private AgentState _state;
        private long _session;
        private long _nextAttemptMs;
        private long _nextHeartbeatMs;
        private long _nextStepMs;
        private int _brokerIndex;
        private int _laneCursor;
        private long _lastDataMs = long.MinValue / 2;
        private int _skippedBeats;

        /// <summary>Heartbeats a busy node may leave to its data in a row (see <see cref="Tick"/>).</summary>
        public const int MaxSkippedBeats = 3;

        public NodeAgent(AgentSettings settings, IMqttTransport mqtt, INodeHost host, ISessionStore sessions, Random random)
        {
            // Every lane must be able to hold one block, whatever the board asked for: the one place this rule lives.
            if (settings.Buffer.FloorBlocks < settings.MaxFlows)
            {
                settings.Buffer.FloorBlocks = settings.MaxFlows;
            }

            settings.Buffer.Validate();
            _settings = settings;
            _mqtt = mqtt;
            _host = host;
            _sessions = sessions;
            _backoff = new Backoff(settings.BackoffMinMs, settings.BackoffMaxMs, random);
            _random = random;
            _pool = new BlockPool(settings.Buffer.BlockSize, settings.Buffer.CeilingBlocks);
            _lanes = new FlowLane[settings.MaxFlows];
            for (int i = 0; i < _lanes.Length; i++)
            {
                _lanes[i] = new FlowLane(settings.Buffer.CeilingBlocks, settings.Buffer.BlockSize);
            }

            _sizer = new StoreSizer(settings.Buffer, settings.MaxFlows, PredictorCatalog.Create(settings.Predictor), settings.Margin);
            _held = new int[settings.MaxFlows];
            _stored = new long[settings.MaxFlows];
            for (int i = 0; i < _lanes.Length; i++)
            {
                _sizer.UseForLane(i, PredictorCatalog.Create(settings.Predictor), settings.Margin);
            }
            _pool.SetCapacity(_sizer.Budget.CapacityBlocks);
            InitTopics();
        }

        public AgentState State
        {
            get { return _state; }
        }

        public long Session
        {
            get { return _session; }
        }

        public AgentSettings Settings
        {
            get { return _settings; }
        }

        public StoreSizer Sizer
        {
            get { return _sizer; }
        }

        public BlockPool Pool
        {
            get { return _pool; }
        }

        public long Dropped;

        /// <summary>Offers a replayable source made while the store was full; offered again later, so not lost.</summary>
        public long Deferred;

        /// <summary>Samples written to a secondary store (the Pi's spill files); the host that owns the store keeps it.</summary>
        public long Spilled;
        public long Rejected;
        public long ConnectAttempts;
        public long Connects;
        public long BatchesSent;

        /// <summary>Acks for sequences this node never recorded: ignored (docs/SECURITY.md).</summary>
        public long ForgedAcks;

        /// <summary>Owner messages naming this node from a sequence beyond what it recorded of a flow it serves: ignored.</summary>
        public long ForgedOwners;

        /// <summary>Advances the agent to <paramref name="nowMs"/>: connection, buffer step, heartbeat, sending.</summary>
        public void Tick(long nowMs)
        {
            if (_state != AgentState.Disconnected && !_mqtt.IsConnected)
            {
                _state = AgentState.Disconnected;
                _nextAttemptMs = nowMs + _backoff.NextDelayMs();
            }

            if (_state == AgentState.Disconnected && nowMs >= _nextAttemptMs)
            {
                TryConnect(nowMs);
            }

            if (nowMs >= _nextStepMs)
            {
                _sizer.Step(StoredSamples());
                _pool.SetCapacity(_sizer.Budget.CapacityBlocks);
                DivideStore();
                _nextStepMs = nowMs + _settings.StepMs;
            }

            if (_state == AgentState.Disconnected)
            {
                return;
            }

            if (nowMs >= _nextHeartbeatMs)
            {
                // A primary gateway that counts data batches as heartbeats hears this node through its data while
                // it is busy: telemetry then goes out alone when idle, and at least every fourth period regardless,
                // so its figures (buffer, forecast) stay fresh.
                if (_dataBeats && _state == AgentState.Running && nowMs - _lastDataMs < _settings.HeartbeatMs && _skippedBeats < MaxSkippedBeats)
                {
                    _skippedBeats++;
                }
                else
                {
                    PublishTelemetry(nowMs);
                    _skippedBeats = 0;
                }

                long jitter = _settings.HeartbeatJitterMs;
                _nextHeartbeatMs = nowMs + _settings.HeartbeatMs + (jitter > 0 ? (long)((_random.NextDouble() * 2 - 1) * jitter) : 0);
            }

            if (_state == AgentState.Running)
            {
                SendBatches(nowMs);
            }
        }

        /// <summary>
        /// Stores the next sample of a flow this node serves, as sequence <see cref="NextRecordSequence"/>.
        /// False when the node does not serve the flow, the value is not finite, or the store is full (counted
        /// as dropped: a live reading that finds no room is gone).
        /// </summary>
        public bool Record(int flow, long timeMs, double value)
        {
            return Store(flow, timeMs, value, false);
        }

        /// <summary>
        /// <see cref="Record"/> for a source that can offer the same sample again (a replay): a full store defers
        /// it, counted in <see cref="Deferred"/>, not as a drop, since nothing is lost.
        /// </summary>
        public bool Offer(int flow, long timeMs, double value)
        {
            return Store(flow, timeMs, value, true);
        }

        private bool Store(int flow, long timeMs, double value, bool replayable)
        {
            FlowLane lane = Find(flow);
            if (lane == null || !lane.Serving || double.IsNaN(value) || double.IsInfinity(value))
            {
                return false;
            }

            if (!lane.Ring.Append(timeMs, value, _pool, lane.LimitBlocks))
            {
                if (replayable)
                {
                    Deferred++;
                }
                else
                {
                    Dropped++;
                }

                return false;
            }

            _sizer.Arrived(IndexOf(lane));
            return true;
        }

        /// <summary>Clean stop: offline state published by the node itself, then DISCONNECT (the broker drops the Will).</summary>
        public void Stop(long nowMs)
        {
            if (_state != AgentState.Disconnected && _mqtt.IsConnected)
            {
                PublishState(false, true, nowMs);
                _mqtt.Disconnect();
            }

            _state = AgentState.Disconnected;
        }

        public bool IsServing(int flow)
        {
            FlowLane lane = Find(flow);
            return lane != null && lane.Serving;
        }

        /// <summary>The sequence the next recorded sample of <paramref name="flow"/> gets; -1 when not served.</summary>
        public long NextRecordSequence(int flow)
        {
            FlowLane lane = Find(flow);
            return lane == null || !lane.Serving ? -1 : lane.Ring.EndSequence;
        }

        /// <summary>The lanes (flows held or served); an unused lane has Flow = -1.</summary>
        public FlowLane Lane(int index)
        {
            return _lanes[index];
        }

        public int LaneCount
        {
            get { return _lanes.Length; }
        }

        public long StoredSamples()
        {
            long stored = 0;
            for (int i = 0; i < _lanes.Length; i++)
            {
                stored += _lanes[i].Ring.Count;
            }

            return stored;
        }

        /// <summary>Each lane's share of the pool for the coming step, from what each lane's predictor expects.</summary>
        private void DivideStore()
        {
            for (int i = 0; i < _lanes.Length; i++)
            {
                _held[i] = _lanes[i].Ring.HeldBlocks;
                _stored[i] = _lanes[i].Ring.Count;
            }

            _sizer.Divide(_held, _stored);
            for (int i = 0; i < _lanes.Length; i++)
            {
                _lanes[i].LimitBlocks = _sizer.LaneLimit(i);
            }
        }

        private int IndexOf(FlowLane lane)
        {
            for (int i = 0; i < _lanes.Length; i++)
            {
                if (_lanes[i] == lane)
                {
                    return i;
                }
            }

            return 0;
        }

        private FlowLane Find(int flow)
        {
            for (int i = 0; i < _lanes.Length; i++)
            {
                if (_lanes[i].Flow == flow)
                {
                    return _lanes[i];
                }
            }

            return null;
        }

        private void TryConnect(long nowMs)
        {
            ConnectAttempts++;
            string broker = _settings.Brokers[_brokerIndex % _settings.Brokers.Length];
            int colon = broker.IndexOf(':');
            int port = 1883;
            string host = colon < 0 ? broker : broker.Substring(0, colon);
            if (colon >= 0 && !int.TryParse(broker.Substring(colon + 1, broker.Length - colon - 1), out port))
            {
                port = 1883;
            }

            _session = _sessions.Load() + 1;
            _sessions.Save(_session);
            if (!_mqtt.Connect(host, port, _settings.Node, _stateTopic, StatePayload(false, false, nowMs), _settings.KeepAliveSeconds))
            {
                _brokerIndex++;
                _nextAttemptMs = nowMs + _backoff.NextDelayMs();
                return;
            }

            _backoff.Reset();
            Connects++;
            _state = AgentState.WaitingForGateway;
            _mqtt.Subscribe(_inboxFilter);
            _mqtt.Subscribe(_ownersFilter);
            _mqtt.Subscribe(_gatewaysFilter);
            PublishBirth(nowMs);
            PublishState(true, false, nowMs);
            RewindLanes();
            _nextHeartbeatMs = nowMs;
        }

        /// <summary>Everything held but not acknowledged is sent again, in order (after a reconnect or a new primary).</summary>
        private void RewindLanes()
        {
            for (int i = 0; i < _lanes.Length; i++)
            {
                FlowLane lane = _lanes[i];
                lane.Resending = lane.NextSend > lane.Ring.HeadSequence;
                lane.NextSend = lane.Ring.HeadSequence;
            }
        }
    }
}
