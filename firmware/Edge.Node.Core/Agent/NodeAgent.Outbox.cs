using Edge.Node.Core.Prediction;
using Edge.Protocol;

namespace Edge.Node.Core.Agent
{
    /// <summary>What the agent publishes: birth, state, telemetry and data batches, from reused buffers.</summary>
    public sealed partial class NodeAgent
    {
        private readonly JsonWriter _json = new JsonWriter();
        private readonly BirthMessage _birth = new BirthMessage();
        private readonly NodeStateMessage _stateMessage = new NodeStateMessage();
        private readonly TelemetryMessage _telemetry = new TelemetryMessage();
        private readonly DataBatch _batch = new DataBatch();
        private readonly byte[] _wire = new byte[ProtocolLimits.MaxPayloadBytes];
        private string _birthTopic;
        private string _stateTopic;
        private string _telemetryTopic;
        private string _dataTopic;
        private string _inboxFilter;
        private string _ownersFilter;
        private string _gatewaysFilter;

        private void InitTopics()
        {
            string site = _settings.Site;
            string node = _settings.Node;
            _birthTopic = Topics.Node(site, node, Topics.Birth);
            _stateTopic = Topics.Node(site, node, Topics.State);
            _telemetryTopic = Topics.Node(site, node, Topics.Telemetry);
            _dataTopic = Topics.Node(site, node, Topics.Data);
            _inboxFilter = Topics.NodeInbox(site, node);
            _ownersFilter = Topics.AllFlowOwners(site);
            _gatewaysFilter = Topics.AllGatewayStates(site);
        }

        private void PublishBirth(long nowMs)
        {
            _birth.Node = _settings.Node;
            _birth.Session = _session;
            _birth.Firmware = _settings.Firmware;
            _birth.Board = _settings.Board;
            _birth.Capabilities = _settings.Capabilities;
            _birth.BufferCapacity = _sizer.Budget.CapacitySamples;
            _birth.BufferCeiling = _settings.Buffer.CeilingSamples;
            _birth.HeartbeatMs = _settings.HeartbeatMs;
            _birth.MaxFlows = _settings.MaxFlows;
            _birth.TimestampMs = nowMs;
            _birth.Sources = _settings.Sources;
            int length = JsonCodec.Encode(_birth, _json);
            _mqtt.Publish(_birthTopic, _json.Buffer, length, true, true);
        }

        private void PublishState(bool online, bool planned, long nowMs)
        {
            byte[] payload = StatePayload(online, planned, nowMs);
            _mqtt.Publish(_stateTopic, payload, payload.Length, true, true);
        }

        private byte[] StatePayload(bool online, bool planned, long nowMs)
        {
            _stateMessage.Online = online;
            _stateMessage.Planned = planned;
            _stateMessage.Session = _session;
            _stateMessage.TimestampMs = nowMs;
            JsonCodec.Encode(_stateMessage, _json);
            return _json.ToArray();
        }

        private void PublishTelemetry(long nowMs)
        {
            long stored = StoredSamples();
            int blockSize = _settings.Buffer.BlockSize;
            int capacityBlocks = _sizer.Budget.CapacityBlocks > _pool.InUse ? _sizer.Budget.CapacityBlocks : _pool.InUse;
            int needBlocks = _settings.Buffer.BlocksFor(stored);
            long unacked = 0;
            for (int i = 0; i < _lanes.Length; i++)
            {
                unacked += _lanes[i].InFlight;
            }

            _telemetry.Session = _session;
            _telemetry.TimestampMs = nowMs;
            _telemetry.Rate = _sizer.LastArrivals * 1000.0 / _settings.StepMs;
            _telemetry.Forecast = _sizer.Predictor.UpperBound(1);
            _telemetry.Horizon = _settings.Buffer.ExpansionLatency + 1;
            _telemetry.BufferFill = stored;
            _telemetry.BufferCapacity = (long)capacityBlocks * blockSize;
            _telemetry.Dropped = Dropped;
            _telemetry.Spilled = Spilled;
            _telemetry.Unacked = unacked;
            _telemetry.FreeMemory = _host.FreeMemory();
            _telemetry.PreExpanded = _sizer.Budget.CapacityBlocks > (needBlocks > _settings.Buffer.FloorBlocks ? needBlocks : _settings.Buffer.FloorBlocks);
            _telemetry.Alarm = _sizer.Predictor.Alarm;
            _telemetry.ModelDropped = _sizer.Shadow.PredictiveDropped;
            _telemetry.ReactiveDropped = _sizer.Shadow.ReactiveDropped;
            FillLanes();
            int length = JsonCodec.Encode(_telemetry, _json);
            _mqtt.Publish(_telemetryTopic, _json.Buffer, length, false, false);
        }

        /// <summary>
        /// One record per flow this node serves, from that lane's own arrivals and predictor (docs/PROTOCOL.md 3.3), so
        /// the gateway can draw forecast against arrivals per flow. Lanes only flushing a moved flow are left out.
        /// </summary>
        private void FillLanes()
        {
            _telemetry.ClearLanes();
            double perSecond = 1000.0 / _settings.StepMs;
            for (int i = 0; i < _lanes.Length; i++)
            {
                FlowLane lane = _lanes[i];
                IPredictor predictor = _sizer.LanePredictor(i);
                if (lane.InUse && lane.Serving && predictor != null)
                {
                    // A value out of its rule (a model gone NaN) or a full report leaves the lane out, never the heartbeat.
                    long share = (long)lane.LimitBlocks * _settings.Buffer.BlockSize;
                    _telemetry.AddLane(lane.Flow, share, _sizer.LaneArrivals(i) * perSecond, predictor.UpperBound(1), _sizer.LanePreExpanded(i));
                }
            }
        }

        private void SendBatches(long nowMs)
        {
            int budget = _settings.MaxBatchesPerTick;
            for (int k = 0; k < _lanes.Length && budget > 0; k++)
            {
                FlowLane lane = _lanes[(_laneCursor + k) % _lanes.Length];
                if (!lane.InUse)
                {
                    continue;
                }

                if (lane.InFlight > 0 && nowMs - lane.LastSendMs >= _settings.AckTimeoutMs)
                {
                    lane.NextSend = lane.Ring.HeadSequence;
                    lane.Resending = true;
                }

                while (budget > 0 && lane.Unsent > 0)
                {
                    bool due = lane.Unsent >= _settings.BatchSamples || nowMs - lane.LastBatchMs >= _settings.BatchMs
                        || !lane.Serving || lane.Resending;
                    if (!due || !SendBatch(lane, nowMs))
                    {
                        break;
                    }

                    budget--;
                }

                if (lane.Unsent == 0)
                {
                    lane.Resending = false;
                }

                if (!lane.Serving && lane.Ring.Count == 0)
                {
                    lane.Free(_pool);
                }
            }

            _laneCursor++;
        }

        private bool SendBatch(FlowLane lane, long nowMs)
        {
            long available = lane.Unsent;
            int want = available < _settings.BatchSamples ? (int)available : _settings.BatchSamples;
            _batch.Clear();
            _batch.Flow = lane.Flow;
            _batch.Session = _session;
            _batch.FirstSequence = lane.NextSend;
            _batch.Flags = lane.Resending ? BatchFlags.Resend : 0;
            for (int i = 0; i < want; i++)
            {
                long sequence = lane.NextSend + i;
                // A sample earlier than the batch's first (a clock step back) starts the next batch instead.
                if (!_batch.TryAdd(lane.Ring.TimeAt(sequence), lane.Ring.ValueAt(sequence)))
                {
                    break;
                }
            }

            int length = DataBatchCodec.Encode(_batch, _wire, 0);
            if (!_mqtt.Publish(_dataTopic, _wire, length, true, false))
            {
                return false;
            }

            lane.NextSend += _batch.Count;
            lane.LastSendMs = nowMs;
            lane.LastBatchMs = nowMs;
            _lastDataMs = nowMs;
            BatchesSent++;
            return true;
        }
    }
}
