using System.Globalization;
using System.Text;
using Edge.Node.Core.Agent;
using Edge.Node.Mqtt;
using Edge.Node.Pi.Storage;

namespace Edge.Node.Pi.Hosting;

/// <summary>A one-line status on stdout (the systemd journal) every so often: state, session and each flow's ring.</summary>
internal sealed class StatusReport(long everyMs, SpillStore spill, TextWriter output) : ISampleFeed
{
    private long _nextMs = long.MinValue;

    public static string Line(NodeAgent agent, SpillStore spill)
    {
        var line = new StringBuilder();
        line.Append(CultureInfo.InvariantCulture, $"status node={agent.Settings.Node} state={agent.State} session={agent.Session} dropped={agent.Dropped} deferred={agent.Deferred} spilled={spill.Spilled}");
        for (int i = 0; i < agent.LaneCount; i++)
        {
            FlowLane lane = agent.Lane(i);
            if (lane.InUse)
            {
                line.Append(CultureInfo.InvariantCulture, $" flow{lane.Flow}=[serving={lane.Serving} epoch={lane.Epoch} acked={lane.Ring.HeadSequence} next={lane.Ring.EndSequence}]");
            }
        }

        return line.ToString();
    }

    public void Feed(NodeAgent agent, long nowMs)
    {
        if (everyMs <= 0 || nowMs < _nextMs)
        {
            return;
        }

        _nextMs = nowMs + everyMs;
        output.WriteLine(Line(agent, spill));
    }
}
