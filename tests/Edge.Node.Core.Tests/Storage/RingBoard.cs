using Edge.Node.Core.Agent;
using Edge.Node.Core.Tests.Agent;

namespace Edge.Node.Core.Tests.Storage;

/// <summary>An ESP32-like board on a test clock: one agent serving flow 1, the flash ring synced after every sample.</summary>
internal sealed class RingBoard
{
    public const int Flow = 1;

    public RingBoard(FaultyFlash flash, int slots = FlashRing.DefaultSlots, bool restore = false)
    {
        // One flow, one lane: the lane may then hold the whole floor (a shared pool gives each of several lanes a share).
        AgentSettings settings = AgentHarness.Roomy();
        settings.MaxFlows = 1;
        Harness = new AgentHarness(settings);
        Ring = new FlashRing(flash.Slots(slots), FlashRing.DefaultBlockBytes, Harness.Settings.MaxFlows);
        if (restore)
        {
            Ring.RestoreInto(Harness.Agent);
        }

        Harness.Run(100);
        Harness.GatewayOnline();
        if (!restore)
        {
            Harness.Assign(Flow, "n1", 1, 0);
        }
    }

    public AgentHarness Harness { get; }

    public FlashRing Ring { get; }

    public NodeAgent Agent => Harness.Agent;

    /// <summary>Records samples with value 10 x sequence, syncing the ring after each, as the ESP32's loop does.</summary>
    public void Record(int count)
    {
        for (int i = 0; i < count; i++)
        {
            long sequence = Agent.NextRecordSequence(Flow);
            Assert.True(Agent.Record(Flow, 1_000 + sequence, sequence * 10.0));
            Ring.Sync(Agent, Harness.Now);
        }
    }

    /// <summary>The samples the agent holds for the flow: (first sequence, values in order).</summary>
    public (long First, List<double> Values) Held()
    {
        for (int i = 0; i < Agent.LaneCount; i++)
        {
            FlowLane lane = Agent.Lane(i);
            if (lane.InUse && lane.Flow == Flow)
            {
                var values = new List<double>();
                for (long s = lane.Ring.HeadSequence; s < lane.Ring.EndSequence; s++)
                {
                    values.Add(lane.Ring.ValueAt(s));
                    Assert.Equal(1_000 + s, lane.Ring.TimeAt(s));
                }

                return (lane.Ring.HeadSequence, values);
            }
        }

        return (-1, []);
    }
}
