using Edge.Gateway.Core.Ingest;
using Edge.Gateway.Core.Ports;
using Edge.Gateway.Core.Queries;
using Edge.Gateway.Core.Tests.Support;
using Edge.Protocol;

namespace Edge.Gateway.Core.Tests.Queries;

/// <summary>
/// Telemetry's lane report through the real runtime: a node's figures for a flow are shown only for a flow it owns,
/// and a report that breaks its rules is counted and dropped while the heartbeat it rode on still counts.
/// </summary>
[Trait("Category", "Unit")]
public sealed class FlowLaneTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    [Fact]
    public async Task A_flow_shows_the_lane_its_owner_reports_and_lanes_for_flows_a_node_does_not_own_are_ignored()
    {
        await using var gw = new RuntimeHarness(_dir.File("gw.db"));
        await gw.SendAsync(Wire.Birth("n1", 1));
        await gw.SendAsync(Wire.Birth("n2", 1));
        Dictionary<int, string> owners = await OwnersAsync(gw);
        string owner1 = owners[1];
        string other = owner1 == "n1" ? "n2" : "n1";

        // The owner of flow 1 reports it, plus flow 2 (someone else's, or not) and flow 9 (not a flow of this gateway).
        await gw.SendAsync(Telemetry(owner1, fill: 5, (1, 48, 130.5, true), (2, 7, 8, false), (9, 1000, 1000, true)));
        await gw.SendAsync(Telemetry(other, fill: 0));

        DashboardSnapshot frame = await EventuallyFrameAsync(gw, f => f.Flows.Single(r => r.Flow == 1).Lane is not null);
        DashboardLane lane = frame.Flows.Single(r => r.Flow == 1).Lane!;
        Assert.Equal((owner1, 48.0, 130.5, true, 64L), (lane.Node, lane.Rate, lane.Forecast, lane.PreExpanded, lane.Share));
        DashboardFlow flow2 = frame.Flows.Single(r => r.Flow == 2);
        if (flow2.Owner == owner1)
        {
            Assert.Equal(7, flow2.Lane!.Rate);
        }
        else
        {
            Assert.Null(flow2.Lane); // its owner reported no lane for it; owner1's figures for it are not its
        }

        Assert.DoesNotContain(frame.Flows, f => f.Flow == 9);
        Assert.Equal(0, gw.Runtime.Queries.Rejections().GetValueOrDefault(RejectReasons.BadLanes));
    }

    [Fact]
    public async Task A_lane_report_that_breaks_its_rules_is_counted_and_dropped_while_the_heartbeat_counts()
    {
        await using var gw = new RuntimeHarness(_dir.File("gw.db"));
        await gw.SendAsync(Wire.Birth("n1", 1));
        await OwnersAsync(gw);
        await gw.SendAsync(Telemetry("n1", fill: 3, (1, 10, 12, false)));
        await EventuallyFrameAsync(gw, f => f.Flows.Single(r => r.Flow == 1).Lane is not null);

        // A NaN forecast: the report is bad, the heartbeat (fill 17) is good.
        byte[] nan = new byte[TelemetryMessage.LaneBytes];
        BitConverter.TryWriteBytes(nan.AsSpan(0), (ushort)1);
        BitConverter.TryWriteBytes(nan.AsSpan(4), 64u);
        BitConverter.TryWriteBytes(nan.AsSpan(8), 10.0);
        BitConverter.TryWriteBytes(nan.AsSpan(16), double.NaN);
        string text = "{\"session\":1,\"timestamp\":2,\"rate\":1,\"forecast\":1,\"bufferFill\":17,\"bufferCapacity\":512,\"dropped\":0,\"lanes\":\""
            + Convert.ToBase64String(nan) + "\"}";
        await gw.SendAsync(Wire.Raw(Topics.Node(Wire.Site, "n1", Topics.Telemetry), System.Text.Encoding.UTF8.GetBytes(text)));

        DashboardSnapshot frame = await EventuallyFrameAsync(gw, f => f.Fleet.Nodes.Single(n => n.Node == "n1").BufferFill == 17);
        Assert.Null(frame.Flows.Single(r => r.Flow == 1).Lane);
        Assert.Equal(1, gw.Runtime.Queries.Rejections().GetValueOrDefault(RejectReasons.BadLanes));
        Assert.Equal(0, gw.Runtime.Queries.Rejections().GetValueOrDefault("not_finite"));
    }

    public void Dispose() => _dir.Dispose();

    private static InboundMessage Telemetry(string node, long fill, params (int Flow, double Rate, double Forecast, bool Pre)[] lanes)
    {
        var message = new TelemetryMessage { Session = 1, TimestampMs = 1, Rate = 1, Forecast = 1, BufferFill = fill, BufferCapacity = 512 };
        foreach (var (flow, rate, forecast, pre) in lanes)
        {
            Assert.True(message.AddLane(flow, 64, rate, forecast, pre));
        }

        var writer = new JsonWriter();
        JsonCodec.Encode(message, writer);
        return Wire.Raw(Topics.Node(Wire.Site, node, Topics.Telemetry), writer.ToArray());
    }

    private static async Task<Dictionary<int, string>> OwnersAsync(RuntimeHarness gw)
    {
        Dictionary<int, string> owners = [];
        await Eventually.TrueAsync(async () =>
        {
            FleetView fleet = await gw.Runtime.Queries.FleetAsync(CancellationToken.None);
            owners = fleet.Owners.Where(o => o.Node.Length > 0).ToDictionary(o => o.Flow, o => o.Node);
            return owners.Count == 2;
        }, () => "both flows placed");
        return owners;
    }

    private static async Task<DashboardSnapshot> EventuallyFrameAsync(RuntimeHarness gw, Func<DashboardSnapshot, bool> seen)
    {
        DashboardSnapshot? frame = null;
        await Eventually.TrueAsync(async () =>
        {
            frame = await gw.Runtime.Queries.DashboardAsync(0, CancellationToken.None);
            return seen(frame);
        }, () => "the dashboard frame");
        return frame!;
    }
}
