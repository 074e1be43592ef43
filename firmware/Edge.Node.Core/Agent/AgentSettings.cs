using Edge.Node.Core.Buffering;
using Edge.Protocol;

namespace Edge.Node.Core.Agent
{
    /// <summary>
    /// A node's identity and behaviour. Defaults follow ESPHome and Tasmota practice (15 s keepalive, back-off
    /// up to half a minute); retained config from the gateway overrides heartbeat, batching and the predictor.
    /// </summary>
    public sealed class AgentSettings
    {
        public string Site = Topics.DefaultSite;
        public string Node = "node-1";
        public string Firmware = "0.1.0";
        public string Board = "generic";
        public string Capabilities = "predict";

        /// <summary>Brokers as "host:port"; a failed connect moves to the next (Tasmota and Mosquitto bridges do the same).</summary>
        public string[] Brokers = new string[] { "127.0.0.1:1883" };

        /// <summary>ESPHome's keepalive: the broker fires the Will 1.5 x this after a node goes silent.</summary>
        public const int DefaultKeepAliveSeconds = 15;

        public int KeepAliveSeconds = DefaultKeepAliveSeconds;
        public long HeartbeatMs = ConfigMessage.DefaultHeartbeatMs;

        /// <summary>Each heartbeat is moved by up to this much either way, so boards started together do not beat in step.</summary>
        public long HeartbeatJitterMs;

        /// <summary>One buffer step: arrivals are counted, the predictor updated and capacity decided once per step.</summary>
        public long StepMs = 1000;

        public int BatchSamples = (int)ConfigMessage.DefaultBatchSamples;
        public long BatchMs = ConfigMessage.DefaultBatchMs;

        /// <summary>A batch not acknowledged within this long is sent again (the gateway drops duplicates).</summary>
        public long AckTimeoutMs = 5000;

        /// <summary>Batches published per tick at most, so a replay after an outage cannot starve live data.</summary>
        public int MaxBatchesPerTick = 8;

        public long BackoffMinMs = 500;
        public long BackoffMaxMs = 30000;

        /// <summary>
        /// The flows this node can source, as "0-3,9" (sent in its birth; the gateway places nothing else here);
        /// empty: any flow, as for a simulated board or a counter every node can read.
        /// </summary>
        public string Sources = "";

        /// <summary>Flows one node can serve at once: one lane each, and the agent keeps at least one block per lane.</summary>
        public int MaxFlows = 4;

        public string Predictor = ConfigMessage.DefaultPredictor;
        public double Margin = ConfigMessage.DefaultMargin;

        /// <summary>Buffer physics; the agent raises the floor to MaxFlows blocks, one for each lane.</summary>
        public BufferSettings Buffer = new BufferSettings();
    }
}
