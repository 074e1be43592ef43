using Edge.Protocol;

namespace Edge.Node.Core.Tests.Agent;

/// <summary>
/// Telemetry's per-lane report (docs/PROTOCOL.md 3.3): each flow the node serves with its own arrivals, its own
/// predictor's forecast, and whether its share of the pool grew ahead of the burst that predictor sees coming.
/// </summary>
[Trait("Category", "Unit")]
public sealed class LaneTelemetryTests
{
    private const int Steady = 3;
    private const int Bursty = 5;

    [Fact]
    public void Each_served_flow_reports_its_own_arrivals_and_forecast_and_only_the_rising_one_is_pre_expanded()
    {
        var h = Harness();
        var reports = new List<TelemetryMessage>();
        for (int second = 0; second < 6; second++)
        {
            RecordSecond(h, Steady, 10);
            RecordSecond(h, Bursty, 10 << second);
            h.Run(1000);
            h.Ack(Steady, h.Agent.NextRecordSequence(Steady));
            h.Ack(Bursty, h.Agent.NextRecordSequence(Bursty));
            reports.Add(Last(h));
        }

        TelemetryMessage last = reports[^1];
        Assert.Equal(ProtocolError.None, last.LanesError);
        Assert.Equal([Steady, Bursty], Flows(last).Order());
        int steady = IndexOf(last, Steady);
        int bursty = IndexOf(last, Bursty);
        Assert.Equal(10, last.LaneRate(steady));
        Assert.Equal(10 << 5, last.LaneRate(bursty));
        Assert.True(last.LaneForecast(bursty) > last.LaneForecast(steady), $"bursty {last.LaneForecast(bursty)}, steady {last.LaneForecast(steady)}");
        Assert.False(last.LanePreExpanded(steady));

        // The rising flow's share grew once its forecast passed what the uplink drains in a step, before its peak.
        double peak = last.LaneRate(bursty);
        Assert.Contains(reports, r => IndexOf(r, Bursty) >= 0 && r.LanePreExpanded(IndexOf(r, Bursty)) && r.LaneRate(IndexOf(r, Bursty)) < peak);
        Assert.DoesNotContain(reports, r => IndexOf(r, Bursty) >= 0 && r.LanePreExpanded(IndexOf(r, Bursty))
            && r.LaneForecast(IndexOf(r, Bursty)) <= h.Settings.Buffer.DrainPerStep);
        Assert.DoesNotContain(reports, r => IndexOf(r, Steady) >= 0 && r.LanePreExpanded(IndexOf(r, Steady)));

        // Its share of the node's buffer grew beyond the steady flow's, and the shares never exceed the buffer.
        Assert.True(last.LaneShare(bursty) > last.LaneShare(steady), $"bursty {last.LaneShare(bursty)}, steady {last.LaneShare(steady)}");
        Assert.True(last.LaneShare(bursty) + last.LaneShare(steady) <= last.BufferCapacity);

        // The lanes agree with the node's own figures: together they are its arrivals.
        Assert.Equal(last.Rate, last.LaneRate(steady) + last.LaneRate(bursty));
    }

    [Fact]
    public void A_flow_moved_to_another_node_leaves_the_report_and_an_idle_node_reports_no_lanes()
    {
        var h = Harness();
        RecordSecond(h, Steady, 10);
        RecordSecond(h, Bursty, 10);
        h.Run(1000);
        Assert.Equal([Steady, Bursty], Flows(Last(h)).Order());

        h.Assign(Bursty, "n2", 2, h.Agent.NextRecordSequence(Bursty));
        h.Run(1000);
        Assert.Equal([Steady], Flows(Last(h)));

        h.Assign(Steady, "n2", 3, h.Agent.NextRecordSequence(Steady));
        h.Run(1000);
        string text = System.Text.Encoding.UTF8.GetString(h.Transport.On(Topics.Telemetry).Last());
        Assert.Empty(Flows(Last(h)));
        Assert.DoesNotContain("\"lanes\"", text, StringComparison.Ordinal);
    }

    private static AgentHarness Harness()
    {
        var settings = AgentHarness.Roomy();
        settings.HeartbeatMs = 1000;
        settings.StepMs = 1000;
        var h = new AgentHarness(settings);
        h.Run(100);
        h.GatewayOnline();
        h.Assign(Steady, "n1", 1, 0);
        h.Assign(Bursty, "n1", 1, 0);
        return h;
    }

    private static void RecordSecond(AgentHarness h, int flow, int samples)
    {
        for (int i = 0; i < samples; i++)
        {
            Assert.True(h.Agent.Record(flow, h.Now, i));
        }
    }

    private static TelemetryMessage Last(AgentHarness h) => AgentHarness.Json<TelemetryMessage>(h.Transport.On(Topics.Telemetry).Last());

    private static List<int> Flows(TelemetryMessage m) => [.. Enumerable.Range(0, m.LaneCount).Select(m.LaneFlow)];

    private static int IndexOf(TelemetryMessage m, int flow) => Flows(m).IndexOf(flow);
}
