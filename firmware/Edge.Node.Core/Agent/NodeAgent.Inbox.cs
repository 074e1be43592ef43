using Edge.Node.Core.Prediction;
using Edge.Protocol;

namespace Edge.Node.Core.Agent
{
    /// <summary>
    /// What the agent receives: gateway state, flow assignments, acknowledgements, config and commands. A payload
    /// that does not decode is counted in Rejected and otherwise ignored.
    /// </summary>
    public sealed partial class NodeAgent
    {
        private readonly TopicAddress _address = new TopicAddress();
        private readonly JsonReader _reader = new JsonReader();
        private readonly AckMessage _ack = new AckMessage();
        private readonly FlowOwnerMessage _owner = new FlowOwnerMessage();
        private readonly ConfigMessage _config = new ConfigMessage();
        private readonly CommandMessage _command = new CommandMessage();
        private readonly GatewayStateMessage _gateway = new GatewayStateMessage();
        private readonly double[] _weights = new double[LearnedPeakPredictor.MaxWeights];
        private string _primaryGateway;
        private bool _dataBeats;
        private long _primaryToken;
        private long _modelVersion;

        /// <summary>Version of the model pushed by the gateway that this node runs; 0 while it runs its classical predictor.</summary>
        public long ModelVersion
        {
            get { return _modelVersion; }
        }

        public void Receive(string topic, byte[] payload, int length, long nowMs)
        {
            // An empty retained message is how a retained topic is cleared: nothing to apply.
            if (length == 0 || !_address.TryParse(topic) || _address.Site != _settings.Site)
            {
                return;
            }

            if (_address.Kind == TopicAddress.KindGateway && _address.Leaf == Topics.State)
            {
                if (Accept(JsonCodec.Decode(_gateway, _reader, payload, 0, length)))
                {
                    OnGatewayState();
                }
            }
            else if (_address.Kind == TopicAddress.KindFlow && _address.Leaf == "owner")
            {
                if (Accept(JsonCodec.Decode(_owner, _reader, payload, 0, length)))
                {
                    OnOwner();
                }
            }
            else if (_address.Kind == TopicAddress.KindNode && _address.Id == _settings.Node)
            {
                ReceiveOwn(payload, length, nowMs);
            }
        }

        private void ReceiveOwn(byte[] payload, int length, long nowMs)
        {
            if (_address.Leaf == Topics.Ack)
            {
                if (Accept(_ack.Decode(payload, 0, length)))
                {
                    OnAck();
                }
            }
            else if (_address.Leaf == Topics.Config)
            {
                if (Accept(JsonCodec.Decode(_config, _reader, payload, 0, length)))
                {
                    OnConfig();
                }
            }
            else if (_address.Leaf == Topics.Command)
            {
                if (Accept(JsonCodec.Decode(_command, _reader, payload, 0, length)))
                {
                    OnCommand(nowMs);
                }
            }
        }

        private bool Accept(ProtocolError error)
        {
            if (error != ProtocolError.None)
            {
                Rejected++;
                return false;
            }

            return true;
        }

        private void OnGatewayState()
        {
            if (_gateway.Online && _gateway.Primary)
            {
                // Follow the newest leader only: an old leader that wakes up from a pause still says primary
                // with its old token until it notices it lost the election.
                if (_gateway.Token < _primaryToken)
                {
                    return;
                }

                if (_gateway.Gateway != _primaryGateway || _gateway.Token > _primaryToken)
                {
                    // A new leader knows only what is committed: send everything not acknowledged again.
                    _primaryGateway = _gateway.Gateway;
                    _primaryToken = _gateway.Token;
                    RewindLanes();
                }

                _dataBeats = _gateway.DataBeats;
                if (_state == AgentState.WaitingForGateway)
                {
                    _state = AgentState.Running;
                }
            }
            else if (!_gateway.Online && _gateway.Gateway == _primaryGateway && _state == AgentState.Running)
            {
                // Keep buffering; a standby gateway announcing itself primary resumes sending. Its token may be
                // lower than the dead one's (a new etcd cluster starts again at 1), so the bar is lowered.
                _state = AgentState.WaitingForGateway;
                _primaryToken = 0;
            }
        }

        private void OnOwner()
        {
            // Assignments are ordered by (token, epoch): a newer leader's epochs start over, an older one's never win.
            FlowLane lane = Find(_owner.Flow);
            if (_owner.Token < _primaryToken
                || (lane != null && (_owner.Token < lane.Token || (_owner.Token == lane.Token && _owner.Epoch <= lane.Epoch))))
            {
                return;
            }

            if (_owner.Node != _settings.Node)
            {
                if (lane != null)
                {
                    // Unassigned ("" - a planned move): stop recording and flush everything held. Given to another
                    // node: that node resumes at ResumeFrom, so what is held from there on is its to send, not ours.
                    lane.Serving = false;
                    lane.Epoch = _owner.Epoch;
                    lane.Token = _owner.Token;
                    if (_owner.Node.Length > 0)
                    {
                        lane.Ring.Truncate(_owner.ResumeFrom, _pool);
                        if (lane.NextSend > lane.Ring.EndSequence)
                        {
                            lane.NextSend = lane.Ring.EndSequence;
                        }
                    }
                }

                return;
            }

            if (lane != null && lane.Serving && _owner.ResumeFrom > lane.Ring.EndSequence)
            {
                // While this node serves the flow nobody else sends it, so the gateway cannot have committed beyond
                // what this node recorded: such an owner message is forged (or planted), and following it would free
                // samples the gateway never received.
                ForgedOwners++;
                return;
            }

            if (lane == null && BirthMessage.Excludes(_settings.Sources, _owner.Flow))
            {
                // A flow this node cannot source (the gateway should never place it here): refuse it, so it stalls
                // on the gateway's side and moves, instead of a lane that never records.
                Rejected++;
                return;
            }

            if (lane == null)
            {
                lane = FreeLane();
                if (lane == null)
                {
                    Rejected++;
                    return;
                }

                lane.Flow = _owner.Flow;
                lane.Ring.Restart(_owner.ResumeFrom, _pool);
            }

            // Keep what is held from ResumeFrom on (a restarted Pi's spilled samples); all below is committed.
            lane.Ring.Release(_owner.ResumeFrom, _pool);
            if (lane.Ring.EndSequence < _owner.ResumeFrom)
            {
                lane.Ring.Restart(_owner.ResumeFrom, _pool);
            }

            lane.AckedNext = lane.Ring.HeadSequence;
            lane.NextSend = lane.Ring.HeadSequence;
            lane.Epoch = _owner.Epoch;
            lane.Token = _owner.Token;
            lane.Serving = true;
        }

        private FlowLane FreeLane()
        {
            for (int i = 0; i < _lanes.Length; i++)
            {
                if (!_lanes[i].InUse)
                {
                    return _lanes[i];
                }
            }

            return null;
        }

        private void OnAck()
        {
            FlowLane lane = Find(_ack.Flow);
            if (lane == null || _ack.NextSequence <= lane.AckedNext)
            {
                return;
            }

            // An ack beyond what this node ever recorded is forged or meant for someone else: releasing on it
            // would free samples the gateway never received.
            if (_ack.NextSequence > lane.Ring.EndSequence)
            {
                ForgedAcks++;
                return;
            }

            lane.AckedNext = _ack.NextSequence;
            lane.Ring.Release(_ack.NextSequence, _pool);
            if (lane.NextSend < lane.Ring.HeadSequence)
            {
                lane.NextSend = lane.Ring.HeadSequence;
            }
        }

        private void OnConfig()
        {
            _settings.HeartbeatMs = _config.HeartbeatMs;
            _settings.BatchSamples = (int)_config.BatchSamples;
            _settings.BatchMs = _config.BatchMs;
            bool classicalChanged = _config.Predictor != _settings.Predictor || _config.Margin != _settings.Margin;
            _settings.Predictor = _config.Predictor;
            _settings.Margin = _config.Margin;
            if (_config.WeightCount > 0)
            {
                if (_config.ModelVersion != _modelVersion || classicalChanged)
                {
                    UseModel();
                }
            }
            else if (_modelVersion != 0 || classicalChanged)
            {
                // No model (never pushed, or withdrawn by a rollback): the classical predictor config names.
                _modelVersion = 0;
                _sizer.Use(PredictorCatalog.Create(_config.Predictor), _config.Margin);
                for (int i = 0; i < _lanes.Length; i++)
                {
                    _sizer.UseForLane(i, PredictorCatalog.Create(_config.Predictor), _config.Margin);
                }
            }
        }

        /// <summary>
        /// Loads the pushed model into a learned predictor for the node and for every lane. Weights the model refuses
        /// (a count or header it does not know) leave the predictors as they were and count as rejected.
        /// </summary>
        private void UseModel()
        {
            int count = _config.WeightCount;
            if (count > _weights.Length)
            {
                Rejected++;
                return;
            }

            for (int i = 0; i < count; i++)
            {
                _weights[i] = _config.Weight(i);
            }

            var node = new LearnedPeakPredictor();
            if (!node.LoadWeights(_weights, 0, count))
            {
                Rejected++;
                return;
            }

            _sizer.Use(node, _config.Margin);
            for (int i = 0; i < _lanes.Length; i++)
            {
                var lane = new LearnedPeakPredictor();
                lane.LoadWeights(_weights, 0, count);
                _sizer.UseForLane(i, lane, _config.Margin);
            }

            _modelVersion = _config.ModelVersion;
        }

        private void OnCommand(long nowMs)
        {
            if (_command.Command == CommandMessage.Rebirth)
            {
                // A gateway that declared this node dead asks it to come back as a new session: reconnect now.
                _mqtt.Disconnect();
                _state = AgentState.Disconnected;
                _nextAttemptMs = nowMs;
            }
            else if (_command.Command == CommandMessage.Reboot)
            {
                _host.Reboot();
            }
            else
            {
                FlowLane lane = Find(_command.Flow);
                if (lane != null)
                {
                    long from = _command.From < lane.Ring.HeadSequence ? lane.Ring.HeadSequence : _command.From;
                    lane.NextSend = from > lane.Ring.EndSequence ? lane.Ring.EndSequence : from;
                    lane.Resending = true;
                }
            }
        }
    }
}
