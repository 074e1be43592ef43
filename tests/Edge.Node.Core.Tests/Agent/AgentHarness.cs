using Edge.Node.Core.Agent;
using Edge.Protocol;

namespace Edge.Node.Core.Tests.Agent;

/// <summary>One agent on a virtual clock, with helpers that play the gateway's part of the protocol.</summary>
internal sealed class AgentHarness : INodeHost
{
    public AgentHarness(AgentSettings? settings = null)
    {
        Settings = settings ?? Roomy();
        Agent = new NodeAgent(Settings, Transport, this, Sessions, new Random(7));
    }

    public AgentSettings Settings { get; }

    /// <summary>A floor large enough that these tests never meet the buffer's limits unless they mean to.</summary>
    public static AgentSettings Roomy()
    {
        var settings = new AgentSettings { Node = "n1", Site = "lab" };
        settings.Buffer.FloorBlocks = 40;
        return settings;
    }

    public ScriptedTransport Transport { get; } = new();

    public MemorySessionStore Sessions { get; } = new(0);

    public NodeAgent Agent { get; }

    public long Now { get; private set; } = 1_000_000;

    public int Reboots { get; private set; }

    public long FreeMemory() => 1234;

    public bool Reboot()
    {
        Reboots++;
        return true;
    }

    public void Run(long ms, long stepMs = 50)
    {
        for (long t = 0; t < ms; t += stepMs)
        {
            Now += stepMs;
            Agent.Tick(Now);
        }
    }

    public void Deliver(string topic, byte[] payload) => Agent.Receive(topic, payload, payload.Length, Now);

    public void GatewayOnline(bool online = true) =>
        DeliverJson(Topics.GatewayState("lab", "gw-1"), new GatewayStateMessage { Gateway = "gw-1", Online = online, Primary = true });

    public void Assign(int flow, string node, long epoch, long resumeFrom) =>
        DeliverJson(Topics.FlowOwner("lab", flow), new FlowOwnerMessage { Flow = flow, Node = node, Epoch = epoch, ResumeFrom = resumeFrom, Weight = 1 });

    public void Ack(int flow, long next)
    {
        var buffer = new byte[ProtocolLimits.AckBytes];
        new AckMessage { Flow = flow, NextSequence = next }.Encode(buffer, 0);
        Deliver(Topics.Node("lab", Settings.Node, Topics.Ack), buffer);
    }

    public void DeliverJson(string topic, IJsonMessage message)
    {
        var writer = new JsonWriter();
        JsonCodec.Encode(message, writer);
        Deliver(topic, writer.ToArray());
    }

    /// <summary>Every data batch published so far, decoded.</summary>
    public List<DataBatch> Batches()
    {
        var list = new List<DataBatch>();
        foreach (byte[] payload in Transport.On(Topics.Data))
        {
            var batch = new DataBatch();
            Assert.Equal(ProtocolError.None, DataBatchCodec.Decode(payload, 0, payload.Length, batch));
            list.Add(batch);
        }

        return list;
    }

    public static T Json<T>(byte[] payload)
        where T : IJsonMessage, new()
    {
        var message = new T();
        Assert.Equal(ProtocolError.None, JsonCodec.Decode(message, new JsonReader(), payload, 0, payload.Length));
        return message;
    }
}
