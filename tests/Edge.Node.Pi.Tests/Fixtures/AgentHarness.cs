using Edge.Node.Core.Agent;
using Edge.Protocol;

namespace Edge.Node.Pi.Tests.Fixtures;

/// <summary>A node agent with no broker: lanes are opened with RestoreLane and acks are handed in as the gateway would send them.</summary>
internal sealed class AgentHarness
{
    public const string Site = "lab";
    public const string NodeId = "pi-01";

    public AgentHarness(int ceilingBlocks = 64)
    {
        var settings = new AgentSettings { Site = Site, Node = NodeId };
        settings.Buffer.CeilingBlocks = ceilingBlocks;
        Agent = new NodeAgent(settings, new OfflineTransport(), new NoHost(), new MemorySessionStore(0), new Random(1));

        // No ticks here, so the budget never grows on its own: give the pool the whole ceiling up front.
        Agent.Pool.SetCapacity(ceilingBlocks);
    }

    public NodeAgent Agent { get; }

    public static AgentHarness Serving(int flow, long from = 0, long epoch = 1)
    {
        var harness = new AgentHarness();
        Assert.True(harness.Agent.RestoreLane(flow, epoch, serving: true, from));
        return harness;
    }

    public void Ack(int flow, long next)
    {
        var bytes = new byte[ProtocolLimits.AckBytes];
        int length = new AckMessage { Flow = flow, NextSequence = next }.Encode(bytes, 0);
        Agent.Receive(Topics.Node(Site, NodeId, Topics.Ack), bytes, length, 0);
    }

    /// <summary>The retained owner message the gateway would publish for <paramref name="flow"/>.</summary>
    public void Owner(int flow, string node, long epoch, long resumeFrom)
    {
        var writer = new JsonWriter();
        int length = JsonCodec.Encode(new FlowOwnerMessage { Flow = flow, Node = node, Epoch = epoch, ResumeFrom = resumeFrom, Weight = 1 }, writer);
        Agent.Receive(Topics.FlowOwner(Site, flow), writer.Buffer, length, 0);
    }

    /// <summary>Records values as the next sequences at times 1000 + 10 * sequence; false when one did not fit.</summary>
    public bool Record(int flow, params double[] values)
    {
        foreach (double value in values)
        {
            if (!Agent.Record(flow, 1000 + (10 * Agent.NextRecordSequence(flow)), value))
            {
                return false;
            }
        }

        return true;
    }

    public FlowLane LaneOf(int flow)
    {
        for (int i = 0; i < Agent.LaneCount; i++)
        {
            if (Agent.Lane(i).Flow == flow)
            {
                return Agent.Lane(i);
            }
        }

        throw new InvalidOperationException("no lane for flow " + flow);
    }

    /// <summary>The held samples of a flow as (sequence, time, value).</summary>
    public List<(long Sequence, long Time, double Value)> Held(int flow)
    {
        FlowRing ring = LaneOf(flow).Ring;
        var held = new List<(long, long, double)>();
        for (long s = ring.HeadSequence; s < ring.EndSequence; s++)
        {
            held.Add((s, ring.TimeAt(s), ring.ValueAt(s)));
        }

        return held;
    }

    private sealed class OfflineTransport : IMqttTransport
    {
        public bool IsConnected => false;

        public bool Connect(string host, int port, string clientId, string willTopic, byte[] willPayload, int keepAliveSeconds) => false;

        public bool Publish(string topic, byte[] payload, int length, bool atLeastOnce, bool retain) => false;

        public bool Subscribe(string topicFilter) => false;

        public void Disconnect()
        {
        }
    }

    private sealed class NoHost : INodeHost
    {
        public long FreeMemory() => 0;

        public bool Reboot() => false;
    }
}
