using Edge.Node.Core.Agent;
using Edge.Node.Mqtt;
using Edge.Node.Pi.Storage;

namespace Edge.Node.Pi.Hosting;

/// <summary>
/// The runner's feed with the spill after it: NodeRunner hands received messages (acks, owners) to the agent,
/// then calls this, then ticks the agent (which publishes). So each tick the spill sees the acks and the new
/// samples, and a sample is on disk before it is sent.
/// </summary>
internal sealed class SpillingFeed(ISampleFeed sources, SpillStore spill, TextWriter errors) : ISampleFeed
{
    private const long ReportEveryMs = 60_000;
    private long _nextReportMs = long.MinValue;

    public void Feed(NodeAgent agent, long nowMs)
    {
        sources.Feed(agent, nowMs);
        try
        {
            spill.Sync(agent);
            agent.Spilled = spill.Spilled;
        }
        catch (IOException e)
        {
            // Disk full or read-only: keep running from RAM (the agent still holds everything) and retry next tick.
            if (nowMs >= _nextReportMs)
            {
                _nextReportMs = nowMs + ReportEveryMs;
                errors.WriteLine("spill: cannot write (" + e.Message + "); samples stay in RAM until it can, " + spill.Faults + " failed syncs so far");
            }
        }
    }
}
