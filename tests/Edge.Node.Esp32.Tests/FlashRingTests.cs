using System;
using System.IO;
using Edge.Node.Core.Agent;

namespace Edge.Node.Esp32.Tests;

/// <summary>
/// The ESP32's flash ring as Program wires it: the core's FlashRing over the glue's FlashFile slots, here on .NET's
/// System.IO (the calls nanoFramework's FileStream has), across a simulated reboot. The ring's behaviour under torn
/// writes, full flash and flipped bits is tested in tests/Edge.Node.Core.Tests/Storage.
/// </summary>
public sealed class FlashRingTests : IDisposable
{
    private const int Flow = 7;
    private readonly string _dir = Directory.CreateTempSubdirectory("edge-esp32-ring-").FullName;

    public void Dispose()
    {
        Directory.Delete(_dir, true);
    }

    [Fact]
    [Trait("Category", "Unit")]
    public void Unacknowledged_samples_in_flash_blocks_survive_a_reboot()
    {
        NodeAgent before = Agent();
        FlashRing ring = Ring();
        Assert.True(before.RestoreLane(Flow, 3, true, 500));
        for (int i = 0; i < 300; i++)
        {
            Assert.True(before.RestoreSample(Flow, 1_700_000_000_000 + i, i * 0.25));
            ring.Sync(before, i * 100L);
        }

        Assert.True(ring.Flush(before));
        string[] slots = Directory.GetFiles(_dir, "edge-ring-*.blk");
        Assert.Equal(3, slots.Length);
        Assert.All(slots, s => Assert.Equal(FlashRing.DefaultBlockBytes, new FileInfo(s).Length));

        NodeAgent after = Agent();
        FlashRing rebooted = Ring();
        rebooted.RestoreInto(after);

        Assert.Equal(300, rebooted.RestoredSamples);
        FlowLane lane = Lane(after);
        Assert.Equal(3, lane.Epoch);
        Assert.True(lane.Serving);
        Assert.Equal(500, lane.Ring.HeadSequence);
        Assert.Equal(800, lane.Ring.EndSequence);
        Assert.Equal(1_700_000_000_299, lane.Ring.TimeAt(799));
        Assert.Equal(299 * 0.25, lane.Ring.ValueAt(799));
    }

    [Fact]
    [Trait("Category", "Unit")]
    public void A_board_without_ring_files_starts_empty()
    {
        FlashRing ring = Ring();
        NodeAgent agent = Agent();
        ring.RestoreInto(agent);

        Assert.Equal(0, ring.RestoredFlows);
        Assert.Equal(0, new FlashFile(Path.Combine(_dir, "absent.blk")).Length);
    }

    private FlashRing Ring()
    {
        return new FlashRing(FlashFile.Ring(Path.Combine(_dir, "edge-ring-"), FlashRing.DefaultSlots), FlashRing.DefaultBlockBytes, new AgentSettings().MaxFlows);
    }

    private static NodeAgent Agent()
    {
        AgentSettings settings = new();
        settings.Buffer.CeilingBlocks = 64;
        return new NodeAgent(settings, new M2MqttTransport(new InboxQueue(8)), new Esp32Host(), new MemorySessionStore(0), new Random(1));
    }

    private static FlowLane Lane(NodeAgent agent)
    {
        for (int i = 0; i < agent.LaneCount; i++)
        {
            if (agent.Lane(i).InUse && agent.Lane(i).Flow == Flow)
            {
                return agent.Lane(i);
            }
        }

        throw new InvalidOperationException("no lane for flow " + Flow);
    }
}
